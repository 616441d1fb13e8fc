namespace LowFormerBench.Core.Figures;

/// <summary>
/// A scatter figure as a paper prints it: titled axes, each point labelled with what it is, a legend of series
/// named by agent and device. One description feeds both the live Plotly chart and the server-rendered SVG
/// (<see cref="SvgScatter"/>), so a downloaded picture and the page say the same.
/// </summary>
public sealed record Figure(string Id, string Title, Axis X, Axis Y, IReadOnlyList<FigureSeries> Series)
{
    public bool IsEmpty => Series.All(s => s.Points.Count == 0);

    /// <summary>The drawn points and lines of every series (what a reader counts on the picture).</summary>
    public int PointCount => Series.Sum(s => s.Points.Count);
}

/// <summary>An axis: its title (with its unit), its scale, and a category axis's ordered names.</summary>
public sealed record Axis(string Title, AxisScale Scale = AxisScale.Linear, IReadOnlyList<string>? Categories = null);

/// <summary>How a series is drawn: points, points joined by a line, or a line-only overlay (a Pareto front).</summary>
public enum SeriesStyle
{
    Markers,
    LinesAndMarkers,
    Line,
}

/// <summary>A legend entry: one agent's points (or one model's line), in one colour.</summary>
/// <param name="ShowLabels">Whether each point's short label is printed beside it; overlays repeat their points' labels and leave it off.</param>
public sealed record FigureSeries(string Name, string Color, SeriesStyle Style, IReadOnlyList<FigurePoint> Points, bool ShowLabels = true,
    string Symbol = "circle");

/// <summary>A point: where it is, the short label printed beside it, and the full description shown on hover.</summary>
/// <param name="X">Numeric x, or the index into the x axis's categories.</param>
public sealed record FigurePoint(double X, double Y, string Label, string Hover);

/// <summary>The series colours (Plotly's default palette), so an agent has one colour on every plot of a page.</summary>
public static class FigurePalette
{
    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    public static string Of(int index) => Colors[((index % Colors.Length) + Colors.Length) % Colors.Length];
}
