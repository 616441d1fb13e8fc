using LowFormerBench.Core.Results;

namespace LowFormerBench.Core.Queries;

/// <summary>An accepted result with its configuration and model facts: what result tables and plots show.</summary>
/// <param name="HasOperatorProfile">Whether an operator profile is stored with it (<see cref="IDashboardQueries.GetOperatorProfileAsync"/> reads it).</param>
public sealed record ResultView(
    long JobId,
    long CampaignId,
    string Model,
    string ModelSha256,
    string Agent,
    string Scenario,
    int Batch,
    int Resolution,
    string Precision,
    string Provider,
    ReportedSummary Summary,
    int Attempt,
    string EnvironmentFingerprint,
    long Params,
    long Macs,
    double? Top1,
    DateTimeOffset CreatedAt,
    bool Throttled,
    bool HasOperatorProfile = false);
