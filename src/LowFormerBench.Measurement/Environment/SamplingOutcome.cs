using System.Collections.Immutable;
using LowFormerBench.Measurement.Loop;

namespace LowFormerBench.Measurement.Environment;

/// <summary>Joins what a <see cref="DeviceSampler"/> saw during a job to the job's outcome.</summary>
public static class SamplingOutcome
{
    /// <summary>
    /// The summary's facts go into the "after" snapshot (made if the loop took none), and throttling seen while sampling
    /// marks it throttled, so <see cref="MeasurementOutcome.MeasuredWhileThrottled"/> tells the whole story.
    /// </summary>
    public static MeasurementOutcome WithSampling(this MeasurementOutcome outcome, SamplingSummary summary)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(summary);
        var after = outcome.EnvironmentAfter
                    ?? new EnvironmentSnapshot(EnvironmentSnapshot.After, DateTimeOffset.UtcNow, ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal), false);
        var facts = after.Facts.SetItems(summary.Facts);
        var reasons = summary.ThrottleReasons;
        if (reasons.Count > 0)
        {
            var earlier = facts.GetValueOrDefault("throttle.reasons");
            facts = facts.SetItem("throttle.reasons", string.IsNullOrEmpty(earlier) ? string.Join("; ", reasons) : $"{earlier}; {string.Join("; ", reasons)}");
        }

        return outcome with { EnvironmentAfter = after with { Facts = facts, Throttled = after.Throttled || summary.Throttled } };
    }
}
