using System.Text;

namespace LowFormerBench.Core.Regression;

/// <summary>The comparison as a Markdown summary for a pull-request comment: regressions first, notes under the table.</summary>
public static class MarkdownReport
{
    /// <param name="context">Lines shown under the title (commit, branch, run URL), in the order given.</param>
    public static string Write(RegressionReport report, IReadOnlyList<KeyValuePair<string, string>> context)
    {
        var text = new StringBuilder();
        var title = report.HasRegression ? "regression" : "no regression";
        text.Append($"## LowFormerBench: {title}\n\n");
        text.Append($"{Escape(ReportFormat.Headline(report))}.\n");
        foreach (var (key, value) in context)
        {
            text.Append($"- {Escape(key)}: {Escape(value)}\n");
        }

        text.Append($"\nMethod: {ReportFormat.Method(report)}.\n\n");
        text.Append("| | Row | Baseline p50 | Candidate p50 | Change | Interval | p | Run-to-run σ | Verdict |\n");
        text.Append("|---|---|---:|---:|---:|---|---:|---:|---|\n");
        foreach (var row in Ordered(report))
        {
            text.Append($"| {Icon(row.Verdict)} | {Escape(row.Key.ToString())} | {ReportFormat.Ms(row.BaselineMedianMs)} | " +
                        $"{ReportFormat.Ms(row.CandidateMedianMs)} | {ReportFormat.Change(row.Change)} | {ReportFormat.Interval(row.Ratio)} | " +
                        $"{ReportFormat.PValue(row.PValue)} | {ReportFormat.Spread(row.RunToRunSpread)} | {ReportFormat.VerdictLabel(row)} |\n");
        }

        var notes = Ordered(report).Where(r => r.Verdict is not (Verdict.Unchanged or Verdict.Slower or Verdict.Faster)).ToList();
        if (notes.Count > 0)
        {
            text.Append("\nNotes:\n");
            foreach (var row in notes)
            {
                text.Append($"- {Escape(row.Key.ToString())}: {row.Verdict.Label()}, {Escape(row.Note)}\n");
            }
        }

        return text.ToString();
    }

    // Regressions first so a long table still shows them above the fold of a PR comment.
    private static IEnumerable<RowComparison> Ordered(RegressionReport report) => report.Rows.OrderBy(r => r.Verdict).ThenBy(r => r.Key.ToString(), StringComparer.Ordinal);

    private static string Icon(Verdict verdict) => verdict switch
    {
        Verdict.Slower => ":red_circle:",
        Verdict.Faster => ":green_circle:",
        Verdict.Unchanged => ":white_circle:",
        _ => ":grey_question:",
    };

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
