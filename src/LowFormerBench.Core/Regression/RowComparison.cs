namespace LowFormerBench.Core.Regression;

/// <summary>The verdict on one row with the numbers behind it; medians in ms, null where a side is absent.</summary>
/// <param name="RunToRunSpread">σ of log(median) across earlier campaigns, when known; already included in <paramref name="Ratio"/>.</param>
/// <param name="Paired">
/// Compared with the baseline's model measured interleaved in the same job; the baseline median and sample count are then
/// that reference's.
/// </param>
public sealed record RowComparison(
    RowKey Key,
    Verdict Verdict,
    double? BaselineMedianMs,
    double? CandidateMedianMs,
    RatioInterval? Ratio,
    double? PValue,
    int BaselineSamples,
    int CandidateSamples,
    int? SamplesNeeded,
    string Note,
    double? RunToRunSpread = null,
    bool Paired = false)
{
    /// <summary>Relative change of the median, e.g. 0.1 for 10% slower.</summary>
    public double? Change => Ratio is { } r ? r.Ratio - 1 : null;
}
