using LowFormerBench.Core.Figures;
using Xunit;

namespace LowFormerBench.Core.Tests.Figures;

public sealed class AxisTicksTests
{
    [Fact]
    public void For_LogAxisOverTwoDecades_OneTwoFiveWithFullValues()
    {
        var ticks = AxisTicks.For(2.5, 70, AxisScale.Log).Select(t => t.Label).ToList();

        Assert.Equal(["5", "10", "20", "50"], ticks);
    }

    [Fact]
    public void For_LogAxisOverManyDecades_StaysWithinTenTicks()
    {
        var ticks = AxisTicks.For(0.01, 100_000, AxisScale.Log);

        Assert.InRange(ticks.Count, 2, 10);
        Assert.Contains(ticks, t => t.Label == "1");
        Assert.Contains(ticks, t => t.Label == "100k");
    }

    [Fact]
    public void For_LogAxisWithinOneStep_FallsBackToLinearTicks()
    {
        var ticks = AxisTicks.For(31, 44, AxisScale.Log).Select(t => t.Label).ToList();

        Assert.True(ticks.Count >= 3, string.Join(" ", ticks));
        Assert.Contains("40", ticks);
    }

    [Fact]
    public void For_Linear_NiceSteps()
    {
        Assert.Equal(["70", "72", "74", "76", "78", "80"], AxisTicks.For(69.5, 80.2, AxisScale.Linear).Select(t => t.Label));
    }

    [Theory]
    [InlineData(0.25, "0.25")]
    [InlineData(20, "20")]
    [InlineData(20_000, "20k")]
    [InlineData(3_000_000, "3M")]
    public void Format_ReadableNumbers(double value, string expected) => Assert.Equal(expected, AxisTicks.Format(value));
}
