using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Results;
using Xunit;

namespace LowFormerBench.Core.Tests.Results;

public sealed class BestBatchTests
{
    private static ThroughputJob Measured(int batch, double ips, string agent = "gpu-1", string model = "m") =>
        new(model, agent, 224, "fp32", "CUDAExecutionProvider", batch, "succeeded", ips, null);

    private static ThroughputJob NotMeasured(int batch, string state, string? error = null, string? agent = "gpu-1") =>
        new("m", agent, 224, "fp32", "CUDAExecutionProvider", batch, state, null, error);

    [Fact]
    public void Select_Sweep_HighestImagesPerSecondWithEveryOtherBatch()
    {
        var row = Assert.Single(BestBatch.Select([Measured(1, 100), Measured(64, 900), Measured(8, 700), Measured(32, 950)]));

        Assert.Equal(new BatchThroughput(32, 950), row.Best);
        Assert.Equal([1, 8, 32, 64], row.Measured.Select(b => b.Batch));
        Assert.Equal([100, 700, 950, 900], row.Measured.Select(b => b.ImagesPerSecond));
        Assert.Empty(row.Failed);
        Assert.Empty(row.Pending);
    }

    [Fact]
    public void Select_Tie_SmallerBatchWins()
    {
        var row = Assert.Single(BestBatch.Select([Measured(64, 800), Measured(16, 800), Measured(32, 800)]));

        Assert.Equal(16, row.Best!.Batch);
    }

    [Fact]
    public void Select_LargestBatchOutOfMemory_BestAmongTheRestAndSaysWhichFailed()
    {
        const string oom = "out of memory at batch 256: Failed to allocate memory (agent gpu-1)";
        var row = Assert.Single(BestBatch.Select([Measured(64, 900), Measured(128, 1000), NotMeasured(256, "failed", oom)]));

        Assert.Equal(128, row.Best!.Batch);
        var failed = Assert.Single(row.Failed);
        Assert.Equal((256, "failed", oom), (failed.Batch, failed.State, failed.Error));
    }

    [Fact]
    public void Select_SomeStillPending_BestSoFarAndPendingListed()
    {
        var row = Assert.Single(BestBatch.Select([Measured(1, 100), NotMeasured(8, "running"), NotMeasured(32, "queued", agent: null)]));

        Assert.Equal(1, row.Best!.Batch);
        Assert.Equal([(8, "running"), (32, "queued")], row.Pending.Select(p => (p.Batch, p.State)));
    }

    [Fact]
    public void Select_NothingMeasuredYet_NoBestButEveryBatchAccountedFor()
    {
        var row = Assert.Single(BestBatch.Select([NotMeasured(1, "queued", agent: null), NotMeasured(8, "cancelled", "cancelled by the user", agent: null)]));

        Assert.Null(row.Best);
        Assert.Equal("", row.Agent);
        Assert.Equal(1, Assert.Single(row.Pending).Batch);
        Assert.Equal(("cancelled", "cancelled by the user"), (Assert.Single(row.Failed).State, row.Failed[0].Error));
    }

    [Fact]
    public void Select_QueuedJobWithoutAgent_ListedUnderEachAgentOfItsConfiguration()
    {
        var rows = BestBatch.Select([Measured(1, 100, "a"), Measured(1, 300, "b"), NotMeasured(64, "queued", agent: null)]);

        Assert.Equal(["a", "b"], rows.Select(r => r.Agent));
        Assert.All(rows, r => Assert.Equal(64, Assert.Single(r.Pending).Batch));
    }

    [Fact]
    public void Select_ConfigurationsKeptApart_ByModelAgentResolutionPrecisionProvider()
    {
        ThroughputJob[] jobs =
        [
            Measured(8, 100), Measured(16, 200),
            Measured(8, 500, agent: "cpu-1"),
            Measured(8, 50, model: "n"),
            Measured(8, 70) with { Resolution = 512 },
            Measured(8, 90) with { Precision = "fp16" },
            Measured(8, 30) with { Provider = "CPUExecutionProvider" },
        ];

        var rows = BestBatch.Select(jobs);

        Assert.Equal(6, rows.Count);
        Assert.Equal(16, rows.Single(r => (r.Model, r.Agent, r.Resolution, r.Precision, r.Provider) == ("m", "gpu-1", 224, "fp32", "CUDAExecutionProvider")).Best!.Batch);
        Assert.Equal(["m", "m", "m", "m", "m", "n"], rows.Select(r => r.Model));
    }

    [Fact]
    public void Select_FromJobAndResultViews_JoinsByJobIdAndIgnoresLatency()
    {
        JobView Job(long id, string scenario, int batch, string state, string? error = null) =>
            new(id, 7, "m", scenario, batch, 224, "fp32", "CPUExecutionProvider", state, 1, "cpu-1", error, null);
        ResultView Result(long jobId, string scenario, int batch, double ips) =>
            new(jobId, 7, "m", "sha", "cpu-1", scenario, batch, 224, "fp32", "CPUExecutionProvider",
                new ReportedSummary(1, 1, 1, 1, 0, 1, 1, 1, 1, 10, ips, 1, true, 0, 1, 1), 1, "fp", 1, 1, null, DateTimeOffset.UnixEpoch, false);

        var rows = BestBatch.Select(
            [Job(1, "latency", 1, "succeeded"), Job(2, "throughput", 1, "succeeded"), Job(3, "throughput", 4, "succeeded"), Job(4, "throughput", 16, "failed", "out of memory")],
            [Result(1, "latency", 1, 5000), Result(2, "throughput", 1, 200), Result(3, "throughput", 4, 600)]);

        var row = Assert.Single(rows);
        Assert.Equal(new BatchThroughput(4, 600), row.Best);
        Assert.Equal([1, 4], row.Measured.Select(b => b.Batch));
        Assert.Equal(16, Assert.Single(row.Failed).Batch);
    }
}
