namespace LowFormerBench.Core.Figures;

/// <summary>
/// Draws a <see cref="Figure"/> as a standalone SVG: what a page shows before (or without) its live chart, what the
/// README and a CI summary embed. Points carry their label beside them and their description as a tooltip; the
/// legend names each series. Classes mark what was drawn (<c>trace-point</c>, <c>trace-line</c>, <c>point-label</c>),
/// so tests count points, not containers.
/// </summary>
public static class SvgScatter
{
    private const double Left = 72, Top = 36, Bottom = 56, LegendWidth = 230;

    public static string Render(Figure figure, int width = 1000, int height = 480)
    {
        var svg = new SvgText(width, height);
        svg.Open(figure.Id, figure.Title);
        var plotRight = width - LegendWidth;
        var (x0, y0, x1, y1) = (Left, Top, plotRight, height - Bottom);
        svg.Text(Left, 20, figure.Title, 14, weight: "bold");
        var points = figure.Series.SelectMany(s => s.Points).ToList();
        if (points.Count == 0)
        {
            svg.Text((x0 + x1) / 2, (y0 + y1) / 2, "no points yet", 13, "middle", "#888");
            return svg.Close();
        }

        var xMap = AxisMap.For(figure.X, points.Select(p => p.X), x0, x1);
        var yMap = AxisMap.For(figure.Y, points.Select(p => p.Y), y1, y0);
        DrawAxes(svg, figure, xMap, yMap, (x0, y0, x1, y1));

        var labels = new LabelPlacer(x0, y0, x1, y1);
        foreach (var (series, index) in figure.Series.Select((s, i) => (s, i)))
        {
            var drawn = series.Points.Select(p => (X: xMap.Map(p.X), Y: yMap.Map(p.Y), Point: p)).ToList();
            if (series.Style != SeriesStyle.Markers && drawn.Count > 1)
            {
                svg.Polyline(drawn.Select(d => (d.X, d.Y)), series.Color, "trace-line");
            }

            if (series.Style == SeriesStyle.Line)
            {
                continue;
            }

            foreach (var d in drawn)
            {
                svg.Marker(d.X, d.Y, series.Color, series.Symbol, d.Point.Hover, "trace-point");
                if (series.ShowLabels && d.Point.Label.Length > 0 && labels.Place(d.X, d.Y, d.Point.Label, 10) is { } at)
                {
                    svg.Text(at.X, at.Y, d.Point.Label, 10, at.Anchor, "#333", "point-label");
                }
            }
        }

        DrawLegend(svg, figure.Series, plotRight + 16, Top + 4);
        return svg.Close();
    }

    private static void DrawAxes(SvgText svg, Figure figure, AxisMap x, AxisMap y, (double X0, double Y0, double X1, double Y1) box)
    {
        foreach (var tick in x.Ticks)
        {
            var px = x.Map(tick.Value);
            svg.Line(px, box.Y0, px, box.Y1, "#eee");
            svg.Text(px, box.Y1 + 16, tick.Label, 11, "middle", "#444", "tick-x");
        }

        foreach (var tick in y.Ticks)
        {
            var py = y.Map(tick.Value);
            svg.Line(box.X0, py, box.X1, py, "#eee");
            svg.Text(box.X0 - 6, py + 4, tick.Label, 11, "end", "#444", "tick-y");
        }

        svg.Rect(box.X0, box.Y0, box.X1 - box.X0, box.Y1 - box.Y0, "none", "#999");
        svg.Text((box.X0 + box.X1) / 2, box.Y1 + 40, figure.X.Title, 12, "middle");
        svg.Text(18, (box.Y0 + box.Y1) / 2, figure.Y.Title, 12, "middle", rotate: -90);
    }

    private static void DrawLegend(SvgText svg, IReadOnlyList<FigureSeries> series, double x, double y)
    {
        foreach (var s in series)
        {
            if (s.Style == SeriesStyle.Markers)
            {
                svg.Marker(x + 8, y, s.Color, s.Symbol, s.Name, "legend-marker");
            }
            else
            {
                svg.Line(x, y, x + 16, y, s.Color, 2, "legend-line");
            }

            svg.Text(x + 22, y + 4, Shorten(s.Name, 34), 11, cls: "legend-text");
            y += 18;
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
