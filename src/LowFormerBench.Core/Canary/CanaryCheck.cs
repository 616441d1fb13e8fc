using LowFormerBench.Core.Regression;

namespace LowFormerBench.Core.Canary;

/// <summary>One canary run on a device: its job, environment fingerprint and raw samples (ms).</summary>
public sealed record CanaryRun(long JobId, string EnvironmentFingerprint, IReadOnlyList<double> SamplesMs);

/// <summary>What a device's latest canary says about the device.</summary>
/// <param name="Drift">Relative change of the canary's median against the device's own history (0.2 = 20% slower); null when not judged.</param>
/// <param name="Drifted">The change is significant and beyond the threshold: the device, not the code, moved.</param>
/// <param name="Note">For the agent list: "canary drift: +20.0%", "canary steady", or why there is no judgement yet.</param>
public sealed record CanaryVerdict(bool Drifted, double? Drift, Verdict? Verdict, string Note);

/// <summary>
/// Judges a device's latest canary against that device's earlier canaries (same model, same way, same environment) with
/// the regression verdict logic: the rank test, the bootstrap interval of the ratio of medians, and the device's own
/// run-to-run noise across canaries, so a device that is merely noisy is not flagged but one whose fan failed is.
/// </summary>
public static class CanaryCheck
{
    /// <summary>Earlier canaries needed before a verdict: fewer give no estimate of the device's run-to-run noise.</summary>
    public const int MinimumHistory = RunToRunNoise.MinimumCampaigns;

    /// <summary>Only the latest canaries form the reference, so a slow change of season (a new kernel) ages out.</summary>
    public const int ReferenceRuns = 10;

    /// <param name="history">The device's earlier canaries, oldest first.</param>
    public static CanaryVerdict Judge(IReadOnlyList<CanaryRun> history, CanaryRun latest, RegressionOptions options)
    {
        var comparable = history.Where(r => r.EnvironmentFingerprint == latest.EnvironmentFingerprint && r.SamplesMs.Count > 0).ToList();
        if (comparable.Count < MinimumHistory)
        {
            var why = history.Count > comparable.Count ? " since its environment changed" : "";
            return new CanaryVerdict(false, null, null, $"canary history {comparable.Count}/{MinimumHistory}{why}");
        }

        var reference = comparable.TakeLast(ReferenceRuns).ToList();
        var key = new RowKey("canary", "device", "canary", 1, 0, "", "");
        var spread = RunToRunNoise.Estimate(reference.Select(r => (IReadOnlyList<MeasuredRow>)[new MeasuredRow(key, r.EnvironmentFingerprint, r.SamplesMs)]))
            .GetValueOrDefault(key);
        var baseline = new MeasuredRow(key, latest.EnvironmentFingerprint, [.. reference.SelectMany(r => r.SamplesMs)]);
        var candidate = new MeasuredRow(key, latest.EnvironmentFingerprint, latest.SamplesMs);
        var row = RegressionComparer.CompareRow(candidate, baseline, options, spread);
        var change = row.Change;
        return row.Verdict switch
        {
            Verdict.Slower or Verdict.Faster => new CanaryVerdict(true, change, row.Verdict,
                $"canary drift: {change:+0.0%;-0.0%} against its last {reference.Count} canaries"),
            _ => new CanaryVerdict(false, change, row.Verdict, $"canary steady ({change:+0.0%;-0.0%}, {row.Verdict.Label()})"),
        };
    }
}
