using LowFormerBench.Core.Figures;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace LowFormerBench.Dashboard.Components.Plots;

/// <summary>
/// A <see cref="Figure"/> as Plotly traces and layout: the same ticks as the server's SVG (as tickvals/ticktext,
/// so a log axis reads "2 5 10 20"), each point's label printed beside it, the legend's names, and small margins
/// (Plotly's default leaves a 100 px band above the plot for a title the page already has as a heading).
/// </summary>
public static class PlotlyFigure
{
    public const int Height = 480;

    public static IList<ITrace> Traces(Figure figure) => [.. figure.Series.Select(Trace)];

    public static Plotly.Blazor.Layout Layout(Figure figure)
    {
        var points = figure.Series.SelectMany(s => s.Points).ToList();
        return new Plotly.Blazor.Layout
        {
            Height = Height,
            Margin = new Margin { T = 16, B = 64, L = 72, R = 16 },
            HoverMode = HoverModeEnum.Closest,
            Legend = [new Legend { Font = new Plotly.Blazor.LayoutLib.LegendLib.Font { Size = 12 } }],
            XAxis = [XAxisOf(figure.X, points.Select(p => p.X))],
            YAxis = [YAxisOf(figure.Y, points.Select(p => p.Y))],
        };
    }

    private static Scatter Trace(FigureSeries s)
    {
        var mode = s.Style switch
        {
            SeriesStyle.Line => ModeFlag.Lines,
            SeriesStyle.LinesAndMarkers => ModeFlag.Lines | ModeFlag.Markers,
            _ => ModeFlag.Markers,
        };
        if (s.ShowLabels && s.Style != SeriesStyle.Line)
        {
            mode |= ModeFlag.Text;
        }

        return new Scatter
        {
            Name = s.Name,
            Mode = mode,
            Marker = new Marker
            {
                Color = s.Color,
                Size = s.Symbol == "x" ? 16 : 9,
                Symbol = s.Symbol == "x" ? Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.X : Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.Circle,
            },
            Line = new Line { Color = s.Color, Width = s.Style == SeriesStyle.Line ? 1.5m : 2m },
            X = [.. s.Points.Select(p => (object)p.X)],
            Y = [.. s.Points.Select(p => (object)p.Y)],
            TextArray = [.. s.Points.Select(p => p.Label)],
            TextPosition = TextPositionEnum.TopCenter,
            TextFont = new TextFont { Size = 11, Color = "#333" },
            HoverTextArray = [.. s.Points.Select(p => p.Hover)],
            HoverTemplate = "%{hovertext}<extra></extra>",
        };
    }

    private static XAxis XAxisOf(Axis axis, IEnumerable<double> values)
    {
        var (type, ticks, range) = Scale(axis, values);
        return new XAxis
        {
            Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = axis.Title },
            Type = type switch
            {
                AxisScale.Log => Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log,
                _ => Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear,
            },
            TickMode = Plotly.Blazor.LayoutLib.XAxisLib.TickModeEnum.Array,
            TickVals = [.. ticks.Select(t => (object)t.Value)],
            TickText = [.. ticks.Select(t => (object)t.Label)],
            Range = range,
            ZeroLine = false,
        };
    }

    private static YAxis YAxisOf(Axis axis, IEnumerable<double> values)
    {
        var (type, ticks, range) = Scale(axis, values);
        return new YAxis
        {
            Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = axis.Title },
            Type = type == AxisScale.Log ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear,
            TickMode = Plotly.Blazor.LayoutLib.YAxisLib.TickModeEnum.Array,
            TickVals = [.. ticks.Select(t => (object)t.Value)],
            TickText = [.. ticks.Select(t => (object)t.Label)],
            Range = range,
            ZeroLine = false,
        };
    }

    // A category axis (campaigns) is drawn as numbered positions with the names as tick text, as the SVG does.
    private static (AxisScale Scale, IReadOnlyList<Tick> Ticks, IList<object> Range) Scale(Axis axis, IEnumerable<double> values)
    {
        if (axis.Categories is { } categories)
        {
            return (AxisScale.Linear, [.. categories.Select((c, i) => new Tick(i, c))], [-0.5, categories.Count - 0.5]);
        }

        var list = values.Where(double.IsFinite).Where(v => axis.Scale == AxisScale.Linear || v > 0).ToList();
        var (min, max) = list.Count == 0 ? (1.0, 10.0) : (list.Min(), list.Max());
        var (lo, hi) = AxisTicks.Range(min, max, axis.Scale);
        var ticks = AxisTicks.For(lo, hi, axis.Scale);
        // Plotly takes a log axis's range in log10 units.
        IList<object> range = axis.Scale == AxisScale.Log ? [Math.Log10(lo), Math.Log10(hi)] : [lo, hi];
        return (axis.Scale, ticks, range);
    }
}
