using LowFormerBench.Core.Canary;
using LowFormerBench.Core.Scheduling;
using Xunit;

namespace LowFormerBench.Core.Tests.Scheduling;

public sealed class HealthPolicyTests
{
    private static readonly CanaryVerdict Drift = new(true, 0.2, null, "canary drift: +20.0%");
    private static readonly CanaryVerdict Steady = new(false, 0.01, null, "canary steady");

    [Fact]
    public void AfterFailure_BelowTheThreshold_CountsWithoutQuarantine()
    {
        var health = new HealthPolicy(3, quarantineOnDrift: false).AfterFailure(AgentHealth.Healthy, "lost job 7");

        Assert.Equal(new AgentHealth(1, false, null), health);
    }

    [Fact]
    public void AfterFailure_ReachingTheThreshold_QuarantinedNamingCountAndLastFailure()
    {
        var policy = new HealthPolicy(3, quarantineOnDrift: false);
        var health = AgentHealth.Healthy;
        foreach (var what in new[] { "lost job 1", "lost job 2", "CUDA error" })
        {
            health = policy.AfterFailure(health, what);
        }

        Assert.True(health.Quarantined);
        Assert.Equal("3 consecutive failed or lost jobs (last: CUDA error)", health.QuarantineReason);
    }

    [Fact]
    public void AfterFailure_AlreadyQuarantined_KeepsTheFirstReason()
    {
        var quarantined = new AgentHealth(3, true, "first reason");

        var health = new HealthPolicy(3, quarantineOnDrift: false).AfterFailure(quarantined, "again");

        Assert.Equal(new AgentHealth(4, true, "first reason"), health);
        Assert.False(HealthPolicy.NewlyQuarantined(quarantined, health));
    }

    [Fact]
    public void AfterSuccess_ResetsTheCountButNotAQuarantine()
    {
        var health = new HealthPolicy(3, quarantineOnDrift: false).AfterSuccess(new AgentHealth(2, true, "drift"));

        Assert.Equal(new AgentHealth(0, true, "drift"), health);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void AfterCanary_Drifted_QuarantinedOnlyWhenConfigured(bool quarantineOnDrift, bool expected)
    {
        var health = new HealthPolicy(3, quarantineOnDrift).AfterCanary(AgentHealth.Healthy, Drift);

        Assert.Equal(expected, health.Quarantined);
        Assert.Equal(expected ? Drift.Note : null, health.QuarantineReason);
        Assert.Equal(expected, HealthPolicy.NewlyQuarantined(AgentHealth.Healthy, health));
    }

    [Fact]
    public void AfterCanary_Steady_Unchanged()
    {
        var before = new AgentHealth(1, false, null);

        Assert.Same(before, new HealthPolicy(3, quarantineOnDrift: true).AfterCanary(before, Steady));
    }

    [Fact]
    public void Constructor_ZeroThreshold_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HealthPolicy(0, quarantineOnDrift: false));
    }
}
