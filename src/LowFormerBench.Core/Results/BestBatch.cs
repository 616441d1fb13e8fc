using LowFormerBench.Core.Queries;

namespace LowFormerBench.Core.Results;

/// <summary>One throughput job as the best-batch view needs it: its configuration, state and, once measured, images/s.</summary>
/// <param name="Agent">The agent that holds or ran it; null while nobody has taken it.</param>
public sealed record ThroughputJob(
    string Model, string? Agent, int Resolution, string Precision, string Provider, int Batch, string State, double? ImagesPerSecond, string? Error);

/// <summary>A batch that was measured, and its images per second.</summary>
public sealed record BatchThroughput(int Batch, double ImagesPerSecond);

/// <summary>A batch with no measurement: failed or cancelled (with why), or still queued or running.</summary>
public sealed record UnmeasuredBatch(int Batch, string State, string? Error);

/// <summary>
/// The best-throughput batch of one configuration, with every measured batch's images/s, and the batches that
/// failed (a large batch that ran out of memory) or are still pending. <see cref="Best"/> is null while no batch has
/// a measurement.
/// </summary>
public sealed record BestBatchRow(
    string Model,
    string Agent,
    int Resolution,
    string Precision,
    string Provider,
    BatchThroughput? Best,
    IReadOnlyList<BatchThroughput> Measured,
    IReadOnlyList<UnmeasuredBatch> Failed,
    IReadOnlyList<UnmeasuredBatch> Pending);

/// <summary>
/// Per (model, agent, resolution, precision, provider), the throughput batch with the most images per second among
/// those measured. A batch that failed is no candidate but is listed with its error, so a sweep whose largest batch
/// ran out of memory still names its best batch and says which one did not fit.
/// </summary>
public static class BestBatch
{
    private static readonly HashSet<string> PendingStates = ["queued", "leased", "running"];

    /// <summary>A campaign's throughput jobs joined with their accepted results (by job id); other scenarios are ignored.</summary>
    public static IReadOnlyList<BestBatchRow> Select(IEnumerable<JobView> jobs, IEnumerable<ResultView> results)
    {
        var ips = results.Where(r => r.Scenario == "throughput").GroupBy(r => r.JobId).ToDictionary(g => g.Key, g => g.Max(r => r.Summary.ThroughputIps));
        return Select(jobs.Where(j => j.Scenario == "throughput").Select(j => new ThroughputJob(
            j.Model, j.Agent, j.Resolution, j.Precision, j.Provider, j.Batch, j.State, ips.TryGetValue(j.Id, out var v) ? v : null, j.Error)));
    }

    /// <summary>
    /// Groups the jobs by configuration and picks each group's best batch; a tie goes to the smaller batch (same
    /// images/s for less memory and less latency). A job no agent has taken yet belongs to every agent's row of its
    /// configuration (any of them may run it), or to a row of its own with an empty agent when none has one.
    /// </summary>
    public static IReadOnlyList<BestBatchRow> Select(IEnumerable<ThroughputJob> jobs)
    {
        var all = jobs.ToList();
        var placed = all.Where(j => !string.IsNullOrEmpty(j.Agent)).ToList();
        var unplaced = all.Where(j => string.IsNullOrEmpty(j.Agent)).ToList();
        var groups = placed
            .GroupBy(j => (j.Model, Agent: j.Agent!, j.Resolution, j.Precision, j.Provider))
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var job in unplaced)
        {
            var owners = groups.Keys
                .Where(k => k.Agent.Length > 0 && (k.Model, k.Resolution, k.Precision, k.Provider) == (job.Model, job.Resolution, job.Precision, job.Provider))
                .ToList();
            if (owners.Count == 0)
            {
                var own = (job.Model, Agent: string.Empty, job.Resolution, job.Precision, job.Provider);
                groups[own] = groups.TryGetValue(own, out var list) ? [.. list, job] : [job];
            }

            foreach (var owner in owners)
            {
                groups[owner].Add(job);
            }
        }

        return [.. groups
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Agent, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Resolution)
            .ThenBy(g => g.Key.Precision, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Provider, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.Value))];
    }

    /// <summary>Whether any configuration has more than one throughput batch: a sweep whose best batch is worth showing.</summary>
    public static bool HasSweep(IEnumerable<BestBatchRow> rows) =>
        rows.Any(r => r.Measured.Count + r.Failed.Count + r.Pending.Count > 1);

    private static BestBatchRow Row((string Model, string Agent, int Resolution, string Precision, string Provider) key, List<ThroughputJob> jobs)
    {
        var measured = jobs.Where(j => j.ImagesPerSecond is not null)
            .Select(j => new BatchThroughput(j.Batch, j.ImagesPerSecond!.Value))
            .OrderBy(b => b.Batch).ThenByDescending(b => b.ImagesPerSecond)
            .ToList();
        var best = measured.OrderByDescending(b => b.ImagesPerSecond).ThenBy(b => b.Batch).FirstOrDefault();
        var unmeasured = jobs.Where(j => j.ImagesPerSecond is null).OrderBy(j => j.Batch).ToList();
        return new BestBatchRow(
            key.Model, key.Agent, key.Resolution, key.Precision, key.Provider, best, measured,
            [.. unmeasured.Where(j => !PendingStates.Contains(j.State)).Select(j => new UnmeasuredBatch(j.Batch, j.State, j.Error))],
            [.. unmeasured.Where(j => PendingStates.Contains(j.State)).Select(j => new UnmeasuredBatch(j.Batch, j.State, null))]);
    }
}
