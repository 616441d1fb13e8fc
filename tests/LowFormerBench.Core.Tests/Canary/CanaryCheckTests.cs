using LowFormerBench.Core.Canary;
using LowFormerBench.Core.Regression;
using Xunit;

namespace LowFormerBench.Core.Tests.Canary;

public sealed class CanaryCheckTests
{
    private static readonly RegressionOptions FivePercent = RegressionOptions.Default with { Threshold = 0.05 };

    [Fact]
    public void Judge_SameSpeedAsHistory_SteadyNotDrifted()
    {
        var verdict = CanaryCheck.Judge(History(4), Run(9, 1.0), FivePercent);

        Assert.False(verdict.Drifted);
        Assert.Equal(Verdict.Unchanged, verdict.Verdict);
        Assert.StartsWith("canary steady", verdict.Note);
    }

    [Fact]
    public void Judge_TwentyPercentSlower_DriftedWithTheChange()
    {
        var verdict = CanaryCheck.Judge(History(4), Run(9, 1.2), FivePercent);

        Assert.True(verdict.Drifted);
        Assert.Equal(Verdict.Slower, verdict.Verdict);
        Assert.InRange(verdict.Drift!.Value, 0.18, 0.22);
        Assert.StartsWith("canary drift: +", verdict.Note);
    }

    [Fact]
    public void Judge_DeviceWhoseCanariesMoveALotFromRunToRun_ModestChangeNotCalledADrift()
    {
        // Earlier canaries' medians wander by ±8%: a 7% change is within this device's own noise.
        var history = new[] { 1.0, 1.08, 0.93, 1.05, 0.97 }.Select((level, i) => Run(i + 1, level)).ToList();

        var verdict = CanaryCheck.Judge(history, Run(9, 1.07), FivePercent);

        Assert.False(verdict.Drifted);
    }

    [Fact]
    public void Judge_TooLittleHistory_NoVerdictSaysHowMuchThereIs()
    {
        var verdict = CanaryCheck.Judge(History(2), Run(9, 1.5), FivePercent);

        Assert.Equal((false, null, "canary history 2/3"), (verdict.Drifted, verdict.Drift, verdict.Note));
    }

    [Fact]
    public void Judge_EnvironmentChanged_EarlierCanariesNotComparedWith()
    {
        var verdict = CanaryCheck.Judge(History(4), Run(9, 1.5) with { EnvironmentFingerprint = "new-driver" }, FivePercent);

        Assert.False(verdict.Drifted);
        Assert.Equal("canary history 0/3 since its environment changed", verdict.Note);
    }

    private static List<CanaryRun> History(int runs) => [.. Enumerable.Range(1, runs).Select(i => Run(i, 1.0))];

    private static CanaryRun Run(int seed, double level)
    {
        var random = new Random(seed);
        return new CanaryRun(seed, "env", [.. Enumerable.Range(0, 200).Select(_ => 10 * level * (1 + (random.NextDouble() - 0.5) * 0.06))]);
    }
}
