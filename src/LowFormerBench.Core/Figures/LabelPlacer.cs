namespace LowFormerBench.Core.Figures;

/// <summary>Puts each point's label beside it where it overlaps no label placed before (right, left, above, below), as papers do.</summary>
internal sealed class LabelPlacer(double x0, double y0, double x1, double y1)
{
    private readonly List<(double L, double T, double R, double B)> _taken = [];

    /// <summary>Where to write the label, or null when every side is taken (the tooltip still names the point).</summary>
    public (double X, double Y, string Anchor)? Place(double x, double y, string label, double size)
    {
        var w = SvgText.Width(label, size);
        var h = size;
        (double X, double Y, string Anchor, double L)[] candidates =
        [
            (x + 7, y + 3.5, "start", x + 7),
            (x - 7, y + 3.5, "end", x - 7 - w),
            (x, y - 8, "middle", x - w / 2),
            (x, y + 15, "middle", x - w / 2),
        ];
        foreach (var c in candidates)
        {
            var box = (L: c.L, T: c.Y - h, R: c.L + w, B: c.Y + 2);
            if (box.L >= x0 && box.R <= x1 && box.T >= y0 && box.B <= y1 && !_taken.Any(t => Overlaps(t, box)))
            {
                _taken.Add(box);
                return (c.X, c.Y, c.Anchor);
            }
        }

        return null;
    }

    private static bool Overlaps((double L, double T, double R, double B) a, (double L, double T, double R, double B) b) =>
        a.L < b.R && b.L < a.R && a.T < b.B && b.T < a.B;
}
