namespace LowFormerBench.Core.Results;

/// <summary>
/// A result that arrived for an attempt which no longer held its job: evidence (what that device measured, and why
/// it was not counted), never a replacement for the accepted result.
/// </summary>
public sealed record LateResult(
    long JobId,
    int Attempt,
    string AgentId,
    string AgentName,
    string Reason,
    double P50Ms,
    double MeanMs,
    int Samples,
    DateTimeOffset ReceivedAt);
