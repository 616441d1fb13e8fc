using System.Globalization;
using LowFormerBench.Core.Probes;
using Spectre.Console;

namespace LowFormerBench.Cli.Commands.Probe;

/// <summary>The probe results as one table per comparison: MACs, params, median, time per GMAC and the ratio to the reference.</summary>
internal static class ProbeTable
{
    public static void Write(IReadOnlyList<ProbeReport> reports)
    {
        foreach (var comparison in reports.GroupBy(r => (r.Family, r.Comparison)))
        {
            var table = new Table().Border(TableBorder.Simple).Title(Markup.Escape($"{comparison.Key.Family} {comparison.Key.Comparison}"))
                .AddColumns("variant", "block", "MMACs", "MAC residual", "params", "median ms", "ms/GMAC", "x reference");
            foreach (var r in comparison)
            {
                table.AddRow(Markup.Escape(r.IsReference ? $"{r.Variant} (ref)" : r.Variant), Markup.Escape(r.Detail),
                    (r.Macs / 1e6).ToString("0.00", CultureInfo.InvariantCulture), r.IsReference ? "" : r.MacResidual.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture),
                    r.Params.ToString("N0", CultureInfo.InvariantCulture), r.MedianMs.ToString("0.000", CultureInfo.InvariantCulture),
                    r.MsPerGmac?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-",
                    r.RatioToReference is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + (r.RatioBasis == RatioBasis.Time ? " (time)" : "") : "-");
            }

            AnsiConsole.Write(table);
        }
    }
}
