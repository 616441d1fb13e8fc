using LowFormerBench.Core.Scheduling;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator.Scheduling;

/// <summary>The scheduler's pure rules, made once from the coordinator's options and clock.</summary>
public sealed class SchedulingPolicies(IOptions<CoordinatorOptions> options, TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public LeasePolicy Lease { get; } = new(options.Value.LeaseTtl, options.Value.MaxAttempts, time);

    public HealthPolicy Health { get; } = new(options.Value.QuarantineAfterFailures, options.Value.Canary.QuarantineOnDrift);
}
