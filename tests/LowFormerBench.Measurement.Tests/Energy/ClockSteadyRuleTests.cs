using LowFormerBench.Measurement.Energy;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Energy;

public sealed class ClockSteadyRuleTests
{
    private static readonly ClockSteadyRule Rule = ClockSteadyRule.Default;

    [Fact]
    public void Decide_BoostStillRamping_Waits()
    {
        double[] clocks = [345, 1755, 1980, 1965, 1980];

        Assert.Equal(ClockVerdict.Wait, Rule.Decide(clocks, TimeSpan.FromSeconds(0.5)));
    }

    [Fact]
    public void Decide_LastFiveWithinOnePercent_Steady()
    {
        double[] clocks = [345, 1755, 1980, 1965, 1980, 1980, 1980];

        Assert.Equal(ClockVerdict.Steady, Rule.Decide(clocks, TimeSpan.FromSeconds(0.7)));
    }

    [Fact]
    public void Decide_StillMovingPastTheLongestWait_GivesUp()
    {
        double[] clocks = [1980, 1605, 1980, 1605, 1980, 1605];

        Assert.Equal(ClockVerdict.Wait, Rule.Decide(clocks, TimeSpan.FromSeconds(5)));
        Assert.Equal(ClockVerdict.GaveUp, Rule.Decide(clocks, Rule.Longest));
    }

    [Fact]
    public void Decide_NoReadingsAtAll_NoClockAfterItsGrace()
    {
        Assert.Equal(ClockVerdict.Wait, Rule.Decide([], TimeSpan.FromSeconds(1)));
        Assert.Equal(ClockVerdict.NoClock, Rule.Decide([], Rule.NoClockAfter));
    }
}
