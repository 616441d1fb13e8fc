using LowFormerBench.Core.Canary;

namespace LowFormerBench.Core.Scheduling;

/// <summary>
/// LAVA-style device health, the one place that decides quarantine: a device that keeps failing or losing jobs, or
/// whose canary drifted (when so configured), stops getting jobs until an operator looks at it.
/// </summary>
/// <param name="quarantineAfterFailures">Consecutive failed or lost jobs that quarantine a device.</param>
/// <param name="quarantineOnDrift">Whether a drifted canary quarantines its device (else it is only flagged).</param>
public sealed class HealthPolicy(int quarantineAfterFailures, bool quarantineOnDrift)
{
    public int QuarantineAfterFailures { get; } = quarantineAfterFailures >= 1
        ? quarantineAfterFailures
        : throw new ArgumentOutOfRangeException(nameof(quarantineAfterFailures), quarantineAfterFailures, "must be at least 1");

    public bool QuarantineOnDrift { get; } = quarantineOnDrift;

    /// <param name="what">The failure, for the quarantine reason ("lost job 7", the agent's error).</param>
    public AgentHealth AfterFailure(AgentHealth health, string what)
    {
        var failures = health.ConsecutiveFailures + 1;
        return !health.Quarantined && failures >= QuarantineAfterFailures
            ? new AgentHealth(failures, true, $"{failures} consecutive failed or lost jobs (last: {what})")
            : health with { ConsecutiveFailures = failures };
    }

    /// <summary>A measured job resets the count; a quarantine stays (an operator lifts it).</summary>
    public AgentHealth AfterSuccess(AgentHealth health) => health with { ConsecutiveFailures = 0 };

    public AgentHealth AfterCanary(AgentHealth health, CanaryVerdict verdict) =>
        verdict.Drifted && QuarantineOnDrift && !health.Quarantined ? health with { Quarantined = true, QuarantineReason = verdict.Note } : health;

    /// <summary>True when <paramref name="after"/> is the move into quarantine (for the log line, said once).</summary>
    public static bool NewlyQuarantined(AgentHealth before, AgentHealth after) => after.Quarantined && !before.Quarantined;
}
