using System.Globalization;
using LowFormerBench.Core.Results;
using Spectre.Console;

namespace LowFormerBench.Cli.Rendering;

/// <summary>The best throughput batch per configuration, the other batches' images/s, and the batches that failed or wait.</summary>
public static class BestBatchTable
{
    public static Table Build(IReadOnlyList<BestBatchRow> rows)
    {
        var table = new Table().Border(TableBorder.Simple).Title("Best throughput batch");
        table.AddColumns("model", "agent", "res", "precision", "provider", "best batch", "img/s", "other batches (img/s)", "failed", "pending");
        table.Columns[5].RightAligned();
        table.Columns[6].RightAligned();
        foreach (var row in rows)
        {
            table.AddRow(
                Markup.Escape(row.Model),
                Markup.Escape(row.Agent.Length > 0 ? row.Agent : "(not yet assigned)"),
                row.Resolution.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(row.Precision),
                Markup.Escape(row.Provider),
                row.Best is null ? "-" : row.Best.Batch.ToString(CultureInfo.InvariantCulture),
                row.Best is null ? "-" : Ips(row.Best.ImagesPerSecond),
                Markup.Escape(string.Join(", ", row.Measured.Where(m => m != row.Best).Select(m => $"{m.Batch}: {Ips(m.ImagesPerSecond)}"))),
                Markup.Escape(string.Join("; ", row.Failed.Select(f => $"{f.Batch} {f.State}: {f.Error ?? "no reason given"}"))),
                Markup.Escape(string.Join(", ", row.Pending.Select(p => $"{p.Batch} ({p.State})"))));
        }

        return table;
    }

    private static string Ips(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
}

/// <summary>One configuration's best batch as <c>lfb results --best-batch --format json</c> writes it.</summary>
public sealed record BestBatchRecord(
    string Model,
    string Agent,
    int Resolution,
    string Precision,
    string Provider,
    int? BestBatch,
    double? BestThroughputIps,
    IReadOnlyList<BestBatchRecord.Point> Batches,
    IReadOnlyList<BestBatchRecord.Unmeasured> Failed,
    IReadOnlyList<BestBatchRecord.Unmeasured> Pending)
{
    public sealed record Point(int Batch, double ThroughputIps);

    public sealed record Unmeasured(int Batch, string State, string? Error);

    public static BestBatchRecord From(BestBatchRow row) => new(
        row.Model, row.Agent, row.Resolution, row.Precision, row.Provider, row.Best?.Batch, row.Best?.ImagesPerSecond,
        [.. row.Measured.Select(m => new Point(m.Batch, m.ImagesPerSecond))],
        [.. row.Failed.Select(f => new Unmeasured(f.Batch, f.State, f.Error))],
        [.. row.Pending.Select(p => new Unmeasured(p.Batch, p.State, null))]);
}
