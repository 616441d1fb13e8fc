namespace LowFormerBench.Core.Results;

/// <summary>Summary statistics as an agent reported them; times in milliseconds.</summary>
/// <param name="Energy">Energy over the timed window, or null: not measured (no sensor on that device, or a result from before energy was kept).</param>
public sealed record ReportedSummary(
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MeanMs,
    double StddevMs,
    double MinMs,
    double MaxMs,
    double MedianCiLowMs,
    double MedianCiHighMs,
    int Samples,
    double ThroughputIps,
    int WarmupIterations,
    bool StopRuleMet,
    int Outliers,
    double SessionCreateMs,
    double FirstInferenceMs,
    EnergyReading? Energy = null);
