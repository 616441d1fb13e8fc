using System.Collections.Immutable;
using LowFormerBench.Core.Jobs;

namespace LowFormerBench.Measurement.Loop;

/// <summary>
/// Throughput over several batch sizes, each a full measurement (warm-up, stop rule, every sample), and the batch
/// with the best images per second (the paper measured GPU throughput at a large batch, latency at batch 1).
/// </summary>
public static class BatchSweep
{
    /// <summary>"1,2,4,16" as given, or "N" for the powers of two up to N (N itself included): <see cref="BatchSweepSizes"/>.</summary>
    /// <exception cref="MeasurementRequestException">Not a list of positive batch sizes.</exception>
    public static ImmutableArray<int> Parse(string text) =>
        BatchSweepSizes.TryParse(text, out var batches, out var error) ? batches : throw new MeasurementRequestException([error]);

    /// <summary>Measures <paramref name="request"/> at each batch in turn (throughput scenario) and picks the best.</summary>
    public static BatchSweepOutcome Run(
        MeasurementLoop loop, MeasurementRequest request, IReadOnlyList<int> batches, IProgress<int>? batchStarted = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(request);
        if (batches.Count == 0)
        {
            throw new MeasurementRequestException(["a batch sweep needs at least one batch size"]);
        }

        var points = new List<MeasurementOutcome>();
        foreach (var batch in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batchStarted?.Report(batch);
            points.Add(loop.Measure(request with { Scenario = MeasurementRequest.Throughput, Batch = batch }, null, cancellationToken));
        }

        return new BatchSweepOutcome([.. points]);
    }
}

/// <summary>Every batch's full measurement, in batch order, and the best-throughput one.</summary>
public sealed record BatchSweepOutcome(ImmutableArray<MeasurementOutcome> Points)
{
    /// <summary>Highest images per second (batch / median seconds per batch); the smaller batch wins a tie.</summary>
    public MeasurementOutcome Best => Points.OrderByDescending(p => p.ThroughputIps).ThenBy(p => p.Request.Batch).First();
}
