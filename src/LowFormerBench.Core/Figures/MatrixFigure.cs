namespace LowFormerBench.Core.Figures;

/// <summary>
/// A table drawn as a picture: rows (models) × columns (agents), each cell its text and a tint from its value
/// (a speed-up: green above 1, red below). What the README and a CI summary show of the speed-up matrix.
/// </summary>
public sealed record MatrixFigure(string Id, string Title, string Note, IReadOnlyList<string> Rows, IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<MatrixCell?>> Cells, string? HighlightRow = null);

/// <summary>A cell: its text, and the speed-up that tints it (none: untinted).</summary>
public sealed record MatrixCell(string Text, double? Speedup);

/// <summary>Draws a <see cref="MatrixFigure"/> as SVG; cells carry the class <c>matrix-cell</c>.</summary>
public static class SvgMatrix
{
    private const double RowHeight = 26, HeaderHeight = 34, TitleHeight = 30, NoteHeight = 20, CellWidth = 150, Pad = 12;

    public static string Render(MatrixFigure figure)
    {
        var labelWidth = Math.Max(120, figure.Rows.Select(r => SvgText.Width(r, 12)).DefaultIfEmpty(0).Max() + 2 * Pad);
        var cellWidth = Math.Max(CellWidth, figure.Columns.Select(c => SvgText.Width(c, 12)).DefaultIfEmpty(0).Max() + 2 * Pad);
        var width = (int)Math.Ceiling(labelWidth + (figure.Columns.Count * cellWidth) + Pad);
        var height = (int)Math.Ceiling(TitleHeight + HeaderHeight + (figure.Rows.Count * RowHeight) + NoteHeight + Pad);
        var svg = new SvgText(Math.Max(width, 420), height);
        svg.Open(figure.Id, figure.Title);
        svg.Text(Pad, 20, figure.Title, 14, weight: "bold");
        var top = TitleHeight;
        for (var c = 0; c < figure.Columns.Count; c++)
        {
            svg.Text(labelWidth + (c * cellWidth) + (cellWidth / 2), top + 22, figure.Columns[c], 12, "middle", weight: "bold");
        }

        for (var r = 0; r < figure.Rows.Count; r++)
        {
            var y = top + HeaderHeight + (r * RowHeight);
            var highlighted = figure.Rows[r] == figure.HighlightRow;
            svg.Text(Pad, y + 17, figure.Rows[r], 12, weight: highlighted ? "bold" : "normal");
            for (var c = 0; c < figure.Columns.Count; c++)
            {
                var x = labelWidth + (c * cellWidth);
                var cell = r < figure.Cells.Count && c < figure.Cells[r].Count ? figure.Cells[r][c] : null;
                svg.Rect(x + 1, y + 1, cellWidth - 2, RowHeight - 2, cell is null ? "#f6f6f6" : Tint(cell.Speedup), "#ddd", "matrix-cell");
                svg.Text(x + (cellWidth / 2), y + 17, cell?.Text ?? "–", 12, "middle");
            }
        }

        svg.Text(Pad, height - Pad, figure.Note, 11, fill: "#555");
        return svg.Close();
    }

    // Stronger with the size of the speed-up on a log scale: 2× and 0.5× are equally far from 1.
    private static string Tint(double? speedup)
    {
        if (speedup is not { } s || s <= 0 || !double.IsFinite(s))
        {
            return "#fff";
        }

        var strength = Math.Min(1, Math.Abs(Math.Log2(s)) / 2);
        var (r, g, b) = s >= 1 ? (44, 160, 44) : (214, 39, 40);
        int Mix(int channel) => (int)Math.Round(255 - ((255 - channel) * strength * 0.45));
        return $"#{Mix(r):x2}{Mix(g):x2}{Mix(b):x2}";
    }
}
