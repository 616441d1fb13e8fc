using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Scheduling;
using LowFormerBench.Core.Tests.Jobs;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace LowFormerBench.Core.Tests.Scheduling;

public sealed class LeasePolicyTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private readonly LeasePolicy _policy;

    public LeasePolicyTests() => _policy = new LeasePolicy(Ttl, maxAttempts: 2, _clock);

    [Fact]
    public void Grant_Queued_LeasedUntilNowPlusTtl()
    {
        var job = new Job(1, 1, JobTests.Spec());

        _policy.Grant(job, "a1");

        Assert.Equal((JobState.Leased, 1, "a1"), (job.State, job.Attempts, job.AgentId));
        Assert.Equal(_clock.GetUtcNow() + Ttl, job.LeaseExpiresAt);
    }

    [Fact]
    public void HasLapsed_BeforeAndAtTheDeadline_FalseThenTrue()
    {
        var job = new Job(1, 1, JobTests.Spec());
        _policy.Grant(job, "a1");

        _clock.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.False(_policy.HasLapsed(job));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(_policy.HasLapsed(job));
    }

    [Fact]
    public void Renew_HalfwayThrough_PushesTheDeadlineOnByAFullTtl()
    {
        var job = new Job(1, 1, JobTests.Spec());
        _policy.Grant(job, "a1");

        _clock.Advance(Ttl / 2);
        _policy.Renew(job);
        _clock.Advance(Ttl - TimeSpan.FromSeconds(1));

        Assert.False(_policy.HasLapsed(job));
        Assert.Empty(_policy.Lapsed([job]));
    }

    [Fact]
    public void Lapsed_MixOfJobs_OnlyHeldJobsPastTheirDeadline()
    {
        var early = new Job(1, 1, JobTests.Spec());
        var late = new Job(2, 1, JobTests.Spec());
        var queued = new Job(3, 1, JobTests.Spec());
        _policy.Grant(early, "a1");
        _clock.Advance(TimeSpan.FromSeconds(5));
        _policy.Grant(late, "a2");
        _clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal([early], _policy.Lapsed([early, late, queued]));
    }

    [Fact]
    public void Expire_AttemptsLeft_RequeuedWithTheAgentNamed()
    {
        var job = new Job(1, 1, JobTests.Spec(), maxAttempts: 2);
        _policy.Grant(job, "a1");
        _clock.Advance(Ttl);

        Assert.Equal(LeaseLapse.Requeued, _policy.Expire(job, "desk-gpu"));
        Assert.Equal((JobState.Queued, (string?)null), (job.State, job.AgentId));
        Assert.Equal(["desk-gpu"], job.LostAgents);
    }

    [Fact]
    public void Expire_LastAttempt_FailedByTheCrashLoopBreaker()
    {
        var job = new Job(1, 1, JobTests.Spec(), maxAttempts: 2);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            _policy.Grant(job, $"a{attempt}");
            _clock.Advance(Ttl);
            var lapse = _policy.Expire(job, $"agent-{attempt}");
            Assert.Equal(attempt < 2 ? LeaseLapse.Requeued : LeaseLapse.Failed, lapse);
        }

        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("agent-1, agent-2", job.Error);
    }

    [Fact]
    public void Expire_BeforeTheDeadline_Refused()
    {
        var job = new Job(1, 1, JobTests.Spec());
        _policy.Grant(job, "a1");
        _clock.Advance(Ttl / 2);

        Assert.Throws<InvalidOperationException>(() => _policy.Expire(job, "a1"));
        Assert.Equal(JobState.Leased, job.State);
    }

    [Fact]
    public void Lose_BeforeTheDeadline_RequeuedAtOnce()
    {
        var job = new Job(1, 1, JobTests.Spec(), maxAttempts: 2);
        _policy.Grant(job, "a1");

        Assert.Equal(LeaseLapse.Requeued, _policy.Lose(job, "a1"));
        Assert.Equal(JobState.Queued, job.State);
    }

    [Theory]
    [InlineData(1, 3, LeaseLapse.Requeued)]
    [InlineData(2, 3, LeaseLapse.Requeued)]
    [InlineData(3, 3, LeaseLapse.Failed)]
    [InlineData(1, 1, LeaseLapse.Failed)]
    public void AfterLoss_AttemptsAgainstTheLimit_RequeueOrFail(int attempts, int maxAttempts, LeaseLapse expected)
    {
        Assert.Equal(expected, LeasePolicy.AfterLoss(attempts, maxAttempts));
    }

    [Fact]
    public void Progress_Leased_RunningAndRenewed()
    {
        var job = new Job(1, 1, JobTests.Spec());
        _policy.Grant(job, "a1");
        _clock.Advance(TimeSpan.FromSeconds(4));

        _policy.Progress(job, 1, "measuring");

        Assert.Equal((JobState.Running, "measuring"), (job.State, job.Phase));
        Assert.Equal(_clock.GetUtcNow() + Ttl, job.LeaseExpiresAt);
    }
}
