using LowFormerBench.Core.Results;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Cli.Commands.Farm;

/// <summary>
/// A campaign's best throughput batch per configuration, computed here from the Control API's jobs (state, agent,
/// error) and results (images/s): both lists already carry everything <see cref="BestBatch"/> needs, so the
/// coordinator keeps one source of truth and the CLI and dashboard share the same selection.
/// </summary>
public static class BestBatchQuery
{
    public static async Task<IReadOnlyList<BestBatchRow>> FetchAsync(CoordinatorClient client, long campaignId, CancellationToken cancellationToken)
    {
        var jobs = await client.CallAsync(async c => await c.ListJobsAsync(new GetCampaignRequest { CampaignId = campaignId }, cancellationToken: cancellationToken));
        var results = await client.CallAsync(async c => await c.QueryResultsAsync(new QueryResultsRequest { CampaignId = campaignId }, cancellationToken: cancellationToken));
        return Select(jobs.Jobs, results.Results);
    }

    public static IReadOnlyList<BestBatchRow> Select(IEnumerable<JobInfo> jobs, IEnumerable<ResultRow> results)
    {
        var ips = results.Where(r => r.Scenario == "throughput").GroupBy(r => r.JobId).ToDictionary(g => g.Key, g => g.Max(r => r.Summary.ThroughputIps));
        return BestBatch.Select(jobs.Where(j => j.Scenario == "throughput").Select(j => new ThroughputJob(
            j.Model, j.Agent is { Length: > 0 } agent ? agent : null, j.Resolution, j.Precision, j.Provider, j.Batch, j.State,
            ips.TryGetValue(j.Id, out var v) ? v : null, j.Error is { Length: > 0 } error ? error : null)));
    }
}
