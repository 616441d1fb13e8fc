using LowFormerBench.Coordinator.Scheduling;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Results;
using LowFormerBench.Core.Regression;

namespace LowFormerBench.Coordinator.Dashboard;

/// <summary>The dashboard's reads: the same stores and queries the Control API uses, plus the dispatcher's live sessions.</summary>
public sealed class DashboardQueries(
    AgentStore agents,
    CampaignStore campaigns,
    JobQueries jobs,
    ResultQueries results,
    ModelRecordStore models,
    Dispatcher dispatcher) : IDashboardQueries
{
    public async Task<IReadOnlyList<AgentView>> ListAgentsAsync(CancellationToken cancellationToken)
    {
        var sessions = dispatcher.Sessions.ToDictionary(s => s.AgentId);
        return [.. (await agents.ListAsync(cancellationToken)).Select(a => ToView(a, sessions.GetValueOrDefault(a.Id)))];
    }

    public Task<IReadOnlyList<CampaignView>> ListCampaignsAsync(int limit, CancellationToken cancellationToken) =>
        campaigns.ListAsync(limit, cancellationToken);

    public Task<CampaignView?> GetCampaignAsync(long campaignId, CancellationToken cancellationToken) =>
        campaigns.GetAsync(campaignId, cancellationToken);

    public Task<IReadOnlyList<JobView>> ListJobsAsync(long campaignId, CancellationToken cancellationToken) =>
        jobs.ListAsync(campaignId, cancellationToken);

    public Task<IReadOnlyList<ResultView>> ListResultsAsync(long? campaignId, CancellationToken cancellationToken) =>
        results.ListAsync(campaignId, null, cancellationToken);

    public Task<IReadOnlyList<ModelView>> ListModelsAsync(CancellationToken cancellationToken) => models.ListAsync(cancellationToken);

    public Task<OperatorProfile?> GetOperatorProfileAsync(long jobId, CancellationToken cancellationToken) =>
        results.OperatorProfileAsync(jobId, cancellationToken);
    public Task<ResultPage> QueryResultsAsync(ResultPageRequest request, CancellationToken cancellationToken) =>
        results.PageAsync(request, cancellationToken);

    public Task<ResultFacets> ResultFacetsAsync(CancellationToken cancellationToken) => results.FacetsAsync(cancellationToken);

    public Task<IReadOnlyList<ResultView>> LatestResultsAsync(ResultCriteria criteria, CancellationToken cancellationToken) =>
        results.LatestAsync(criteria, cancellationToken);

    public Task<IReadOnlyList<RowKey>> HistoryKeysAsync(string? agent, CancellationToken cancellationToken) =>
        results.HistoryKeysAsync(agent, cancellationToken);

    public async Task<ResultHistory> HistoryAsync(RowKey key, double minChange, CancellationToken cancellationToken)
    {
        var (points, changes) = await results.HistoryWithChangesAsync(key, minChange, cancellationToken);
        return new ResultHistory(key, points, changes);
    }

    // A stored agent with no session is offline, unless it was quarantined (that outlives the connection).
    private static AgentView ToView(AgentStore.AgentRecord record, AgentSession? session) => new(
        record.Id,
        record.Name,
        session?.State ?? (record.Health == AgentState.Quarantined ? AgentState.Quarantined : AgentState.Offline),
        session?.Capabilities ?? record.Capabilities,
        session?.CurrentJobId,
        session?.LastSeen ?? DateTimeOffset.FromUnixTimeMilliseconds(record.LastSeenMs),
        session?.QuarantineReason ?? record.QuarantineReason,
        session?.DownloadedBytes ?? 0,
        session is null ? record.CanaryNote : session.Canary?.Note,
        session is null ? record.CanaryDrift : session.Canary?.Drift,
        session is null ? record.CanaryDrifted : session.Canary?.Drifted ?? false,
        session?.Temperature?.Celsius);
}
