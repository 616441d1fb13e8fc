using LowFormerBench.Core.Regression;
using Xunit;

namespace LowFormerBench.Core.Tests.Regression;

/// <summary>Rows of paired jobs: the candidate against the baseline's model measured interleaved in the same job.</summary>
public sealed class PairedComparisonTests
{
    private static readonly RegressionOptions Options = RegressionOptions.Default;

    [Fact]
    public void Compare_PairedRow_JudgedOnItsOwnReferenceNotOnTheBaselineRun()
    {
        var random = new Random(11);
        // The whole paired job ran 30% slower than the baseline run (a loaded machine), both sides alike: no regression.
        var candidate = SimulatedRuns.Samples(random, 300, 13.0, 0.03);
        var reference = SimulatedRuns.Samples(random, 300, 13.0, 0.03);
        var baselineRun = SimulatedRuns.Samples(random, 300, 10.0, 0.03);

        var report = RegressionComparer.Compare(2, [SimulatedRuns.Row(candidate) with { ReferenceSamplesMs = reference }], 1,
            [SimulatedRuns.Row(baselineRun)], Options);

        var row = Assert.Single(report.Rows);
        Assert.True(row.Paired);
        Assert.Equal(Verdict.Unchanged, row.Verdict);
        Assert.Equal(300, row.BaselineSamples);
        Assert.InRange(row.BaselineMedianMs!.Value, 12.5, 13.5);
        Assert.StartsWith("paired in the same job", row.Note, StringComparison.Ordinal);
        Assert.False(report.HasRegression);
    }

    [Fact]
    public void Compare_PairedRowTenPercentSlowerThanReference_Slower()
    {
        var random = new Random(12);
        var candidate = SimulatedRuns.Samples(random, 300, 11.0, 0.04);
        var reference = SimulatedRuns.Samples(random, 300, 10.0, 0.04);

        var report = RegressionComparer.Compare(2, [SimulatedRuns.Row(candidate) with { ReferenceSamplesMs = reference }], 1, [], Options);

        var row = Assert.Single(report.Rows);
        Assert.Equal(Verdict.Slower, row.Verdict);
        Assert.True(row.Paired);
        Assert.InRange(row.Ratio!.Ratio, 1.07, 1.13);
    }

    [Fact]
    public void Compare_PairedRow_NotWidenedByRunToRunNoise()
    {
        var random = new Random(13);
        var candidate = SimulatedRuns.Samples(random, 300, 10.6, 0.03);
        var reference = SimulatedRuns.Samples(random, 300, 10.0, 0.03);
        var row = SimulatedRuns.Row(candidate) with { ReferenceSamplesMs = reference };
        // A run-to-run spread of 20% would make a 6% change inconclusive; the paired row ignores it.
        var spread = new Dictionary<RowKey, double> { [SimulatedRuns.Key] = 0.2 };
        var levels = new Dictionary<RowKey, RunLevel> { [SimulatedRuns.Key] = new(10.0, 7) };

        var report = RegressionComparer.Compare(2, [row], 1, [SimulatedRuns.Row(reference)], Options, spread, levels);

        var compared = Assert.Single(report.Rows);
        Assert.Equal(Verdict.Slower, compared.Verdict);
        Assert.Null(compared.RunToRunSpread);
        var unpaired = RegressionComparer.Compare(2, [row with { ReferenceSamplesMs = null }], 1, [SimulatedRuns.Row(reference)], Options, spread, levels);
        Assert.Equal(Verdict.Inconclusive, Assert.Single(unpaired.Rows).Verdict);
    }

    [Fact]
    public void Compare_PairedAndUnpairedResultsOfOneKey_PoolWithoutReference()
    {
        var random = new Random(14);
        var paired = SimulatedRuns.Row(SimulatedRuns.Samples(random, 100, 10, 0.03)) with { ReferenceSamplesMs = SimulatedRuns.Samples(random, 100, 10, 0.03) };
        var unpaired = SimulatedRuns.Row(SimulatedRuns.Samples(random, 100, 10, 0.03));

        var report = RegressionComparer.Compare(2, [paired, unpaired], 1, [SimulatedRuns.Row(SimulatedRuns.Samples(random, 100, 10, 0.03))], Options);

        var row = Assert.Single(report.Rows);
        Assert.False(row.Paired);
        Assert.Equal(200, row.CandidateSamples);
    }

    [Fact]
    public void Reports_SayTheRowWasPaired()
    {
        var random = new Random(15);
        var candidate = SimulatedRuns.Samples(random, 300, 12.0, 0.03);
        var reference = SimulatedRuns.Samples(random, 300, 10.0, 0.03);
        var report = RegressionComparer.Compare(2, [SimulatedRuns.Row(candidate) with { ReferenceSamplesMs = reference }], 1, [], Options);

        var markdown = MarkdownReport.Write(report, []);
        var junit = JUnitReport.Write(report);

        Assert.Contains("slower (paired)", markdown, StringComparison.Ordinal);
        Assert.Contains("1 of 1 row(s) paired", markdown, StringComparison.Ordinal);
        Assert.Contains("type=\"slower\" message=\"slower (paired):", junit, StringComparison.Ordinal);
    }
}
