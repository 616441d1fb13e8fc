namespace LowFormerBench.Core.Figures;

/// <summary>Maps data values to pixels along one axis (log axes in log space), with the axis's ticks.</summary>
internal sealed class AxisMap
{
    private readonly double _lo, _hi, _from, _to;
    private readonly bool _log;

    private AxisMap(double lo, double hi, double from, double to, bool log, IReadOnlyList<Tick> ticks)
    {
        (_lo, _hi, _from, _to, _log) = (lo, hi, from, to, log);
        Ticks = ticks;
    }

    public IReadOnlyList<Tick> Ticks { get; }

    public static AxisMap For(Axis axis, IEnumerable<double> values, double from, double to)
    {
        if (axis.Categories is { } categories)
        {
            return new AxisMap(-0.5, categories.Count - 0.5, from, to, false, [.. categories.Select((c, i) => new Tick(i, c))]);
        }

        var list = values.Where(double.IsFinite).Where(v => axis.Scale == AxisScale.Linear || v > 0).ToList();
        var (min, max) = list.Count == 0 ? (1.0, 10.0) : (list.Min(), list.Max());
        var (lo, hi) = AxisTicks.Range(min, max, axis.Scale);
        var ticks = AxisTicks.For(lo, hi, axis.Scale);
        return axis.Scale == AxisScale.Log
            ? new AxisMap(Math.Log10(lo), Math.Log10(hi), from, to, true, ticks)
            : new AxisMap(lo, hi, from, to, false, ticks);
    }

    public double Map(double value)
    {
        var v = _log ? Math.Log10(Math.Max(value, 1e-12)) : value;
        return _from + ((v - _lo) / (_hi - _lo) * (_to - _from));
    }
}
