using LowFormerBench.Core.Queries;

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
}
