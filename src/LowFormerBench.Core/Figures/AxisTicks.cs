using System.Globalization;

namespace LowFormerBench.Core.Figures;

/// <summary>An axis's scale: linear, or logarithmic (base 10) for quantities that span orders of magnitude.</summary>
public enum AxisScale
{
    Linear,
    Log,
}

/// <summary>A tick: where it sits (in data units) and the text under it.</summary>
public sealed record Tick(double Value, string Label);

/// <summary>
/// Readable ticks, the same in the live Plotly chart (as tickvals/ticktext) and in the server's SVG. A log axis gets
/// 1-2-5 ticks with their full values ("2", "5", "10", "20"), not Plotly's default minor digits that read
/// "2 3 4 … 10 2" (the last one is 20).
/// </summary>
public static class AxisTicks
{
    private const int MaxTicks = 10;

    public static IReadOnlyList<Tick> For(double min, double max, AxisScale scale) =>
        scale == AxisScale.Log ? Log(min, max) : Linear(min, max);

    /// <summary>The axis's drawn range with a margin, so no point sits on the frame.</summary>
    public static (double Min, double Max) Range(double min, double max, AxisScale scale)
    {
        if (scale == AxisScale.Log)
        {
            var (lo, hi) = (Math.Log10(Math.Max(min, double.Epsilon)), Math.Log10(Math.Max(max, double.Epsilon)));
            var pad = Math.Max((hi - lo) * 0.06, 0.05);
            return (Math.Pow(10, lo - pad), Math.Pow(10, hi + pad));
        }

        var span = max - min;
        var margin = span > 0 ? span * 0.06 : Math.Max(Math.Abs(max) * 0.1, 1);
        return (min - margin, max + margin);
    }

    private static List<Tick> Linear(double min, double max)
    {
        if (max <= min)
        {
            max = min + 1;
        }

        var step = NiceStep((max - min) / 6);
        var first = Math.Ceiling(min / step) * step;
        var ticks = new List<Tick>();
        for (var v = first; v <= max + step * 1e-9 && ticks.Count < 50; v += step)
        {
            var value = Math.Abs(v) < step * 1e-9 ? 0 : v;
            ticks.Add(new Tick(value, Format(value)));
        }

        return ticks;
    }

    private static List<Tick> Log(double min, double max)
    {
        min = Math.Max(min, 1e-12);
        max = Math.Max(max, min * 1.0001);
        // The densest of 1-2-5, 1-3, 1 per decade (every decade, then every other) that stays within MaxTicks.
        foreach (var mantissas in new[] { new[] { 1.0, 2, 5 }, [1.0, 3], [1.0] })
        {
            var ticks = LogTicks(min, max, mantissas, decadeStep: 1);
            if (ticks.Count <= MaxTicks && ticks.Count >= 2)
            {
                return ticks;
            }

            if (ticks.Count < 2)
            {
                // Less than one 1-2-5 step in range: a linear axis's ticks read better there.
                return Linear(min, max);
            }
        }

        return LogTicks(min, max, [1.0], decadeStep: Math.Max(2, (int)Math.Ceiling(Math.Log10(max / min) / MaxTicks)));
    }

    private static List<Tick> LogTicks(double min, double max, double[] mantissas, int decadeStep)
    {
        var ticks = new List<Tick>();
        for (var exponent = (int)Math.Floor(Math.Log10(min)); exponent <= (int)Math.Ceiling(Math.Log10(max)); exponent += decadeStep)
        {
            foreach (var m in mantissas)
            {
                var v = m * Math.Pow(10, exponent);
                if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9))
                {
                    ticks.Add(new Tick(v, Format(v)));
                }
            }
        }

        return ticks;
    }

    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var residual = rough / magnitude;
        return magnitude * (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10);
    }

    /// <summary>A tick's text: thousands as "k" and millions as "M" (images/s run to 10⁵), small values with the digits they need.</summary>
    public static string Format(double v)
    {
        var a = Math.Abs(v);
        return a switch
        {
            >= 1e6 => Trim(v / 1e6) + "M",
            >= 1e4 => Trim(v / 1e3) + "k",
            _ => Trim(v),
        };
    }

    private static string Trim(double v) => Math.Round(v, 6).ToString("0.######", CultureInfo.InvariantCulture);
}
