using System.Globalization;
using Spectre.Console;

namespace LowFormerBench.Cli.Rendering;

/// <summary>
/// Results side by side: params, MACs, latency and throughput, and the speed-up against a reference model
/// measured in the same configuration on the same agent. Speed-up next to MACs is the paper's point.
/// </summary>
public static class ComparisonTable
{
    public static Table Build(IReadOnlyList<ResultRecord> results, string? referenceModel)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("model", "agent", "scenario", "batch", "params (M)", "MACs (M)", "p50 ms", "p90 ms", "img/s", "W", "J/image", "speed-up");
        foreach (var column in table.Columns)
        {
            column.NoWrap();
        }

        foreach (var column in table.Columns.Skip(3))
        {
            column.RightAligned();
        }

        foreach (var r in results.OrderBy(r => r.Agent).ThenBy(r => r.Scenario).ThenBy(r => r.Batch).ThenBy(r => r.P50Ms))
        {
            var reference = results.FirstOrDefault(x => x.Model == referenceModel && x.Agent == r.Agent && x.Scenario == r.Scenario
                                                        && x.Batch == r.Batch && x.Resolution == r.Resolution && x.Precision == r.Precision
                                                        && x.Provider == r.Provider);
            var speedUp = reference is null ? "-" : (reference.P50Ms / r.P50Ms).ToString("0.00", CultureInfo.InvariantCulture) + "x";
            table.AddRow(Markup.Escape(r.Model), Markup.Escape(r.Agent), r.Scenario, r.Batch.ToString(CultureInfo.InvariantCulture),
                Units.Millions(r.Params), Units.Millions(r.Macs), Ms(r.P50Ms), Ms(r.P90Ms),
                r.ThroughputIps.ToString("N1", CultureInfo.InvariantCulture), Units.Watts(r.MeanPowerW), Units.JoulesPerImage(r.EnergyPerImageJ), speedUp);
        }

        if (referenceModel is not null)
        {
            table.Caption($"speed-up = p50 of {referenceModel} / p50 of the model, same agent and configuration");
        }

        return table;
    }

    private static string Ms(double value) => value.ToString(value < 10 ? "0.000" : "0.00", CultureInfo.InvariantCulture);
}
