using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Jobs;
using Xunit;

namespace LowFormerBench.Core.Tests.Jobs;

public sealed class JobTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    internal static JobSpec Spec(string provider = "CPUExecutionProvider", DeviceSelector? selector = null) => new(
        "abc", "lowformer-b0", Scenario.Latency, 1, 224, Precision.Fp32, provider, new Dictionary<string, string>(), selector ?? DeviceSelector.Any,
        MeasurementBudget.Default);

    [Fact]
    public void Lease_Queued_HeldByAgentWithFirstAttemptAndDeadline()
    {
        var job = new Job(1, 1, Spec());

        job.Lease("a1", Now, Ttl);

        Assert.Equal(JobState.Leased, job.State);
        Assert.Equal(1, job.Attempts);
        Assert.Equal("a1", job.AgentId);
        Assert.Equal(Now + Ttl, job.LeaseExpiresAt);
    }

    [Fact]
    public void Lease_AlreadyLeased_Throws()
    {
        var job = new Job(1, 1, Spec());
        job.Lease("a1", Now, Ttl);

        Assert.Throws<IllegalTransitionException>(() => job.Lease("a2", Now, Ttl));
    }

    [Fact]
    public void ReportProgress_Leased_RunningWithRenewedLease()
    {
        var job = new Job(1, 1, Spec());
        job.Lease("a1", Now, Ttl);

        job.ReportProgress(1, "measuring", Now.AddSeconds(5), Ttl);

        Assert.Equal(JobState.Running, job.State);
        Assert.Equal("measuring", job.Phase);
        Assert.Equal(Now.AddSeconds(5) + Ttl, job.LeaseExpiresAt);
    }

    [Fact]
    public void Succeed_StaleAttempt_Throws()
    {
        var job = new Job(1, 1, Spec());
        job.Lease("a1", Now, Ttl);
        job.AgentLost();
        job.Lease("a2", Now, Ttl);

        Assert.Throws<IllegalTransitionException>(() => job.Succeed(1));
        job.Succeed(2);
        Assert.Equal(JobState.Succeeded, job.State);
    }

    [Fact]
    public void Expire_BeforeDeadline_Throws()
    {
        var job = new Job(1, 1, Spec());
        job.Lease("a1", Now, Ttl);

        Assert.Throws<InvalidOperationException>(() => job.Expire(Now.AddSeconds(1)));
    }

    [Fact]
    public void Expire_AttemptsLeft_QueuedAgainAndAgentRemembered()
    {
        var job = new Job(1, 1, Spec(), maxAttempts: 3);
        job.Lease("a1", Now, Ttl);

        job.Expire(Now + Ttl);

        Assert.Equal(JobState.Queued, job.State);
        Assert.Null(job.AgentId);
        Assert.Equal(["a1"], job.LostAgents);
    }

    [Fact]
    public void Expire_LastAttempt_FailedByCrashLoopBreakerNamingTheAgents()
    {
        var job = new Job(1, 1, Spec(), maxAttempts: 2);
        job.Lease("a1", Now, Ttl);
        job.Expire(Now + Ttl);
        job.Lease("a2", Now, Ttl);

        job.Expire(Now + Ttl);

        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("crash-loop breaker", job.Error);
        Assert.Contains("a1, a2", job.Error);
    }

    [Fact]
    public void Fail_Permanent_FailedAtOnce()
    {
        var job = new Job(1, 1, Spec(), maxAttempts: 3);
        job.Lease("a1", Now, Ttl);

        job.Fail(1, "model cannot be loaded", permanent: true);

        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal("model cannot be loaded", job.Error);
    }

    [Fact]
    public void Fail_TransientWithAttemptsLeft_QueuedAgain()
    {
        var job = new Job(1, 1, Spec(), maxAttempts: 3);
        job.Lease("a1", Now, Ttl);

        job.Fail(1, "out of memory", permanent: false);

        Assert.Equal(JobState.Queued, job.State);
    }

    [Fact]
    public void HandBack_Held_QueuedWithoutSpendingAnAttempt()
    {
        var job = new Job(1, 1, Spec());
        job.Lease("a1", Now, Ttl);

        job.HandBack(1);

        Assert.Equal(JobState.Queued, job.State);
        Assert.Equal(0, job.Attempts);
    }

    [Fact]
    public void Cancel_Finished_Throws()
    {
        var job = new Job(1, 1, Spec());
        job.Lease("a1", Now, Ttl);
        job.Succeed(1);

        Assert.Throws<IllegalTransitionException>(() => job.Cancel());
    }
}
