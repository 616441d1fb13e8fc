using LowFormerBench.Coordinator.Scheduling;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Results;
using LowFormerBench.Core.Regression;

namespace LowFormerBench.Coordinator.Farm;

/// <summary>
/// The farm's reads, for the dashboard and the Control API alike (one read path): the stores' queries, plus the
/// dispatcher's live sessions over the stored agents (<see cref="AgentOverlay"/>).
/// </summary>
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
        return AgentOverlay.Overlay(await agents.ListAsync(cancellationToken), dispatcher.Sessions);
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
}
