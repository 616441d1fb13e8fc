using LowFormerBench.Core.Results;

namespace LowFormerBench.Core.Queries;

/// <summary>
/// What the dashboard reads. The coordinator implements it over its stores and the dispatcher's live sessions,
/// so pages see read models only, never SQL or proto types.
/// </summary>
public interface IDashboardQueries
{
    /// <summary>Every registered agent, with its live state where it is connected (offline otherwise).</summary>
    Task<IReadOnlyList<AgentView>> ListAgentsAsync(CancellationToken cancellationToken);

    /// <summary>The newest campaigns first.</summary>
    Task<IReadOnlyList<CampaignView>> ListCampaignsAsync(int limit, CancellationToken cancellationToken);

    Task<CampaignView?> GetCampaignAsync(long campaignId, CancellationToken cancellationToken);

    Task<IReadOnlyList<JobView>> ListJobsAsync(long campaignId, CancellationToken cancellationToken);

    /// <summary>Accepted results, optionally of one campaign.</summary>
    Task<IReadOnlyList<ResultView>> ListResultsAsync(long? campaignId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ModelView>> ListModelsAsync(CancellationToken cancellationToken);

    /// <summary>The operator profile stored with a job's result (time share vs MAC share), or null when it has none.</summary>
    Task<OperatorProfile?> GetOperatorProfileAsync(long jobId, CancellationToken cancellationToken);
}
