using System.Globalization;
using LowFormerBench.Core.Regression;
using Spectre.Console;

namespace LowFormerBench.Cli.Rendering;

/// <summary>The comparison in the terminal or CI log: one line per row, regressions first.</summary>
public static class RegressionTable
{
    public static Table Build(RegressionReport report)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("verdict", "model", "agent", "scenario", "batch", "baseline p50", "candidate p50", "change", "interval", "p");
        foreach (var column in table.Columns.Skip(4))
        {
            column.RightAligned();
        }

        foreach (var row in report.Rows.OrderBy(r => r.Verdict).ThenBy(r => r.Key.ToString(), StringComparer.Ordinal))
        {
            var verdict = row.Verdict switch
            {
                Verdict.Slower => "[red]slower[/]",
                Verdict.Faster => "[green]faster[/]",
                _ => Markup.Escape(row.Verdict.Label()),
            } + (row.Paired ? " (paired)" : "");
            table.AddRow(verdict, Markup.Escape(row.Key.Model), Markup.Escape(row.Key.Agent), row.Key.Scenario,
                row.Key.Batch.ToString(CultureInfo.InvariantCulture), Ms(row.BaselineMedianMs), Ms(row.CandidateMedianMs), Percent(row.Change),
                row.Ratio is { } r ? $"{Percent(r.Low - 1)} .. {Percent(r.High - 1)}" : "-",
                row.PValue?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "-");
        }

        return table;
    }

    private static string Ms(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-";

    private static string Percent(double? value) => value?.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) ?? "-";
}
