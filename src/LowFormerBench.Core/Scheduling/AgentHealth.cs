namespace LowFormerBench.Core.Scheduling;

/// <summary>A device's health as the scheduler sees it: consecutive failed or lost jobs, and whether it is quarantined (and why).</summary>
public sealed record AgentHealth(int ConsecutiveFailures, bool Quarantined, string? QuarantineReason)
{
    public static AgentHealth Healthy { get; } = new(0, false, null);
}
