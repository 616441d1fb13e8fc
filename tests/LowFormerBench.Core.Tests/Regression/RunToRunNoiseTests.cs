using LowFormerBench.Core.Regression;
using Xunit;

namespace LowFormerBench.Core.Tests.Regression;

public sealed class RunToRunNoiseTests
{
    [Fact]
    public void Estimate_FewerThanThreeCampaigns_NoEstimate()
    {
        var random = new Random(1);
        var history = Enumerable.Range(0, 2).Select(_ => (IReadOnlyList<MeasuredRow>)[SimulatedRuns.Row(SimulatedRuns.Samples(random, 50, 10, 0.05))]);

        Assert.Empty(RunToRunNoise.Estimate(history));
    }

    [Fact]
    public void Estimate_RunsShiftedByFivePercent_SpreadNearFivePercent()
    {
        var random = new Random(2);
        var history = Enumerable.Range(0, 40)
            .Select(_ => (IReadOnlyList<MeasuredRow>)[SimulatedRuns.Row(SimulatedRuns.Samples(random, 200, RunMedian(random, 10, 0.05), 0.02))]).ToList();

        Assert.InRange(RunToRunNoise.Estimate(history)[SimulatedRuns.Key], 0.035, 0.065);
    }

    [Fact]
    public void Widen_AddsBetweenTermInQuadrature()
    {
        var widened = RunToRunNoise.Widen(new RatioInterval(1.0, 1.0, 1.0), 0.01, 0.99);

        Assert.Equal(Math.Exp(2.5758 * 0.01 * Math.Sqrt(2)), widened.High, 4);
        Assert.Equal(1 / widened.High, widened.Low, 6);
    }

    /// <summary>
    /// Whole runs shifted by 5% (load, clocks) with quiet samples inside each run: the raw-sample test alone raises
    /// false alarms; with the spread from 7 earlier campaigns added they stay at or under 5%.
    /// </summary>
    [Fact]
    public void CompareRow_RunEffectsWithHistory_FalseAlarmsAtMostFivePercent()
    {
        var random = new Random(3);
        int withoutHistory = 0, withHistory = 0, againstLevel = 0;
        for (var pair = 0; pair < 200; pair++)
        {
            var history = Enumerable.Range(0, 7)
                .Select(_ => (IReadOnlyList<MeasuredRow>)[SimulatedRuns.Row(SimulatedRuns.Samples(random, 100, RunMedian(random, 10, 0.05), 0.02))]).ToList();
            var baseline = history[^1][0];
            var candidate = SimulatedRuns.Row(SimulatedRuns.Samples(random, 100, RunMedian(random, 10, 0.05), 0.02));
            var spread = RunToRunNoise.Estimate(history)[SimulatedRuns.Key];
            withoutHistory += RegressionComparer.CompareRow(candidate, baseline, RegressionOptions.Default).Verdict == Verdict.Slower ? 1 : 0;
            withHistory += RegressionComparer.CompareRow(candidate, baseline, RegressionOptions.Default, spread).Verdict == Verdict.Slower ? 1 : 0;
            againstLevel += RegressionComparer.CompareRow(candidate, baseline, RegressionOptions.Default, spread, RunToRunNoise.Levels(history)[SimulatedRuns.Key])
                .Verdict == Verdict.Slower ? 1 : 0;
        }

        Assert.True(withHistory <= 10, $"{withHistory} of 200 false alarms with run-to-run noise");
        Assert.True(againstLevel <= 10, $"{againstLevel} of 200 false alarms against the level of the history");
        Assert.True(withoutHistory > withHistory, $"run effects should fool the raw-sample test alone ({withoutHistory} vs {withHistory})");
    }

    /// <summary>
    /// The baseline run happened on a loaded host (3 times slower than the two main runs before it). Against that one run a
    /// 2.5 times heavier model looks faster; against the level of the main runs it is slower, as it is.
    /// </summary>
    [Fact]
    public void CompareRow_LoadedBaselineRun_HeavierCandidateStillSlowerAgainstTheLevel()
    {
        var random = new Random(5);
        var history = new[] { 10.0, 10.5, 30.0 }.Select(m => (IReadOnlyList<MeasuredRow>)[SimulatedRuns.Row(SimulatedRuns.Samples(random, 100, m, 0.02))]).ToList();
        var candidate = SimulatedRuns.Row(SimulatedRuns.Samples(random, 100, 25, 0.02));
        var spread = RunToRunNoise.Estimate(history)[SimulatedRuns.Key];
        var level = RunToRunNoise.Levels(history)[SimulatedRuns.Key];

        var againstRun = RegressionComparer.CompareRow(candidate, history[^1][0], RegressionOptions.Default, spread);
        var againstLevel = RegressionComparer.CompareRow(candidate, history[^1][0], RegressionOptions.Default, spread, level);

        Assert.Equal(3, level.Campaigns);
        Assert.NotEqual(Verdict.Slower, againstRun.Verdict);
        Assert.Equal(Verdict.Slower, againstLevel.Verdict);
        Assert.InRange(againstLevel.Change!.Value, 1.2, 1.6);
        Assert.Contains("against the level of 3 main campaigns", againstLevel.Note);
    }

    [Fact]
    public void CompareRow_LoadedBaselineRun_SameCodeAtUsualSpeedNotCalledFaster()
    {
        var random = new Random(6);
        var history = new[] { 10.0, 10.5, 30.0 }.Select(m => (IReadOnlyList<MeasuredRow>)[SimulatedRuns.Row(SimulatedRuns.Samples(random, 100, m, 0.02))]).ToList();
        var candidate = SimulatedRuns.Row(SimulatedRuns.Samples(random, 100, 10.2, 0.02));

        var row = RegressionComparer.CompareRow(candidate, history[^1][0], RegressionOptions.Default, RunToRunNoise.Estimate(history)[SimulatedRuns.Key],
            RunToRunNoise.Levels(history)[SimulatedRuns.Key]);

        Assert.True(row.Verdict is Verdict.Unchanged or Verdict.Inconclusive, $"{row.Verdict}: {row.Note}");
    }

    [Fact]
    public void Widen_AgainstALevelOfSevenRuns_NarrowerThanAgainstOneRun()
    {
        var single = RunToRunNoise.Widen(new RatioInterval(1.0, 1.0, 1.0), 0.05, 0.99);
        var level = RunToRunNoise.Widen(new RatioInterval(1.0, 1.0, 1.0), 0.05, 0.99, levelCampaigns: 7);

        Assert.Equal(Math.Exp(2.5758 * 0.05 * Math.Sqrt(1 + Math.PI / 14)), level.High, 4);
        Assert.True(level.High < single.High);
    }

    private static double RunMedian(Random random, double median, double sigma) => SimulatedRuns.Samples(random, 1, median, sigma)[0];
}
