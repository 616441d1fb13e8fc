namespace LowFormerBench.Core.Scheduling;

/// <summary>Where a device stands towards its next canary; stored, so the count survives a restart.</summary>
/// <param name="JobsSinceCanary">Jobs other than canaries finished since the device's last canary.</param>
public sealed record CanaryCounters(int JobsSinceCanary, DateTimeOffset? LastCanaryAt)
{
    public static CanaryCounters None { get; } = new(0, null);
}
