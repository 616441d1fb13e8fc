using LowFormerBench.Core.Scheduling;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace LowFormerBench.Core.Tests.Scheduling;

public sealed class CanaryScheduleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void DueReason_ByCount_DueOnceTheCountIsReached()
    {
        var schedule = new CanarySchedule(3, null, _clock);
        var counters = schedule.Started();

        counters = schedule.AfterJob(schedule.AfterJob(counters));
        Assert.Null(schedule.DueReason(counters));

        counters = schedule.AfterJob(counters);
        Assert.Equal("3 jobs since the last canary", schedule.DueReason(counters));
    }

    [Fact]
    public void DueReason_ByTime_FirstCanaryAtOnceThenAfterTheInterval()
    {
        var schedule = new CanarySchedule(0, TimeSpan.FromHours(6), _clock);
        Assert.Equal("first canary of this device", schedule.DueReason(CanaryCounters.None));

        var counters = schedule.Started();
        _clock.Advance(TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1));
        Assert.Null(schedule.DueReason(counters));

        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal("last canary 6.5 h ago", schedule.DueReason(counters));
    }

    [Fact]
    public void Started_ResetsTheCountAndStampsTheClock()
    {
        var schedule = new CanarySchedule(2, TimeSpan.FromHours(1), _clock);
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(new CanaryCounters(0, _clock.GetUtcNow()), schedule.Started());
    }

    [Fact]
    public void Off_NeverDueAndCountsNothing()
    {
        var counters = new CanaryCounters(100, null);

        Assert.Null(CanarySchedule.Off.DueReason(counters));
        Assert.Same(counters, CanarySchedule.Off.AfterJob(counters));
        Assert.False(CanarySchedule.Off.DueByTime);
    }

    [Fact]
    public void DueByTime_OnlyWithAnInterval()
    {
        Assert.False(new CanarySchedule(5, null, _clock).DueByTime);
        Assert.True(new CanarySchedule(0, TimeSpan.FromHours(1), _clock).DueByTime);
    }
}
