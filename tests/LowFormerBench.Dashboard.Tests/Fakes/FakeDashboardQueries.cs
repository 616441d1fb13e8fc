using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Regression;

namespace LowFormerBench.Dashboard.Tests.Fakes;

/// <summary>Read models held in lists, for view-model tests.</summary>
public sealed class FakeDashboardQueries : IDashboardQueries
{
    public List<AgentView> Agents { get; } = [];

    public List<CampaignView> Campaigns { get; } = [];

    public List<JobView> Jobs { get; } = [];

    public List<ResultView> Results { get; } = [];

    public List<ModelView> Models { get; } = [];

    public Task<IReadOnlyList<AgentView>> ListAgentsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AgentView>>(Agents);

    public Task<IReadOnlyList<CampaignView>> ListCampaignsAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CampaignView>>([.. Campaigns.Take(limit)]);

    public Task<CampaignView?> GetCampaignAsync(long campaignId, CancellationToken cancellationToken) =>
        Task.FromResult(Campaigns.SingleOrDefault(c => c.Id == campaignId));

    public Task<IReadOnlyList<JobView>> ListJobsAsync(long campaignId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JobView>>([.. Jobs.Where(j => j.CampaignId == campaignId)]);

    public Task<IReadOnlyList<ResultView>> ListResultsAsync(long? campaignId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ResultView>>([.. Results.Where(r => campaignId is null || r.CampaignId == campaignId)]);

    public Task<IReadOnlyList<ModelView>> ListModelsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ModelView>>(Models);

    public Dictionary<long, LowFormerBench.Core.Results.OperatorProfile> Profiles { get; } = [];

    public Task<LowFormerBench.Core.Results.OperatorProfile?> GetOperatorProfileAsync(long jobId, CancellationToken cancellationToken) =>
        Task.FromResult(Profiles.GetValueOrDefault(jobId));

    public List<ResultHistory> Histories { get; } = [];

    public Task<ResultPage> QueryResultsAsync(ResultPageRequest request, CancellationToken cancellationToken)
    {
        var matching = Results.Where(request.Criteria.Matches).OrderBy(r => r.JobId).ToList();
        return Task.FromResult(new ResultPage([.. matching.Skip(request.Skip).Take(request.Take)], matching.Count));
    }

    public Task<ResultFacets> ResultFacetsAsync(CancellationToken cancellationToken) => Task.FromResult(new ResultFacets(
        Distinct(r => r.Model), Distinct(r => r.Agent), Distinct(r => r.Scenario), Distinct(r => r.Provider), Distinct(r => r.Precision),
        [.. Results.Select(r => r.Resolution).Distinct().Order()], Results.Count));

    public Task<IReadOnlyList<ResultView>> LatestResultsAsync(ResultCriteria criteria, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ResultView>>([.. Results.Where(criteria.Matches)
            .GroupBy(r => (r.ModelSha256, r.Agent, r.Scenario, r.Batch, r.Provider)).Select(g => g.MaxBy(r => r.JobId)!).OrderBy(r => r.JobId)]);

    public Task<IReadOnlyList<RowKey>> HistoryKeysAsync(string? agent, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RowKey>>([.. Histories.Select(h => h.Key).Where(k => agent is null || k.Agent == agent)]);

    public Task<ResultHistory> HistoryAsync(RowKey key, double minChange, CancellationToken cancellationToken) =>
        Task.FromResult(Histories.Single(h => h.Key == key));

    private List<string> Distinct(Func<ResultView, string> field) => [.. Results.Select(field).Distinct().Order(StringComparer.Ordinal)];
}
