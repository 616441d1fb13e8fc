using System.Globalization;
using System.Text;

namespace LowFormerBench.Core.Figures;

/// <summary>The few SVG primitives the figures draw, with text escaped and numbers in invariant culture.</summary>
internal sealed class SvgText(int width, int height)
{
    private readonly StringBuilder _svg = new();

    public void Open(string id, string title)
    {
        _svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lfb-figure\" id=\"svg-{Escape(id)}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" ")
            .Append("font-family=\"Helvetica, Arial, sans-serif\" role=\"img\">")
            .Append("<title>").Append(Escape(title)).Append("</title>")
            .Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>");
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string cls = "") =>
        _svg.Append(CultureInfo.InvariantCulture,
            $"<line{Class(cls)} x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(strokeWidth)}\"/>");

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, string cls) =>
        _svg.Append(CultureInfo.InvariantCulture,
            $"<polyline{Class(cls)} fill=\"none\" stroke=\"{stroke}\" stroke-width=\"2\" points=\"{string.Join(" ", points.Select(p => $"{N(p.X)},{N(p.Y)}"))}\"/>");

    public void Marker(double x, double y, string fill, string symbol, string hover, string cls)
    {
        if (symbol == "x")
        {
            _svg.Append(CultureInfo.InvariantCulture,
                $"<path{Class(cls)} d=\"M{N(x - 6)},{N(y - 6)}L{N(x + 6)},{N(y + 6)}M{N(x - 6)},{N(y + 6)}L{N(x + 6)},{N(y - 6)}\" stroke=\"{fill}\" stroke-width=\"3\">");
            _svg.Append("<title>").Append(Escape(hover)).Append("</title></path>");
            return;
        }

        _svg.Append(CultureInfo.InvariantCulture, $"<circle{Class(cls)} cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"4.5\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"0.8\">")
            .Append("<title>").Append(Escape(hover)).Append("</title></circle>");
    }

    public void Rect(double x, double y, double w, double h, string fill, string stroke = "none", string cls = "") =>
        _svg.Append(CultureInfo.InvariantCulture,
            $"<rect{Class(cls)} x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{N(h)}\" fill=\"{fill}\" stroke=\"{stroke}\"/>");

    public void Text(double x, double y, string text, double size = 12, string anchor = "start", string fill = "#222", string cls = "",
        double rotate = 0, string weight = "normal")
    {
        var transform = rotate == 0 ? "" : $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"";
        _svg.Append(CultureInfo.InvariantCulture,
            $"<text{Class(cls)} x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" text-anchor=\"{anchor}\" fill=\"{fill}\" font-weight=\"{weight}\"{transform}>")
            .Append(Escape(text)).Append("</text>");
    }

    public string Close() => _svg.Append("</svg>").ToString();

    /// <summary>A rough width of a text in this font (0.55 em per character), enough to keep labels apart.</summary>
    public static double Width(string text, double size) => text.Length * size * 0.55;

    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string Class(string cls) => cls.Length == 0 ? "" : $" class=\"{cls}\"";

    private static string N(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
