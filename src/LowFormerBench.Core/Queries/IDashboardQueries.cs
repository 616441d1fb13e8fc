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

    /// <summary>One sorted page of the results matching the criteria, counted and paged by the database.</summary>
    Task<ResultPage> QueryResultsAsync(ResultPageRequest request, CancellationToken cancellationToken);

    /// <summary>The distinct values of the results' filterable fields.</summary>
    Task<ResultFacets> ResultFacetsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The newest result of each measured configuration (model file, agent, scenario, batch, provider) among those
    /// matching the criteria: what plots and comparison tables draw, one point per configuration.
    /// </summary>
    Task<IReadOnlyList<ResultView>> LatestResultsAsync(ResultCriteria criteria, CancellationToken cancellationToken);

    /// <summary>The configurations measured in at least two campaigns, optionally on one agent: the histories worth plotting.</summary>
    Task<IReadOnlyList<Regression.RowKey>> HistoryKeysAsync(string? agent, CancellationToken cancellationToken);

    /// <summary>A configuration's history over campaigns with change points of at least <paramref name="minChange"/> (0.03 = 3 %).</summary>
    Task<ResultHistory> HistoryAsync(Regression.RowKey key, double minChange, CancellationToken cancellationToken);
}
