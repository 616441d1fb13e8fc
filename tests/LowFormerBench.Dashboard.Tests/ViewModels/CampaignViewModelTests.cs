using LowFormerBench.Core.Queries;
using LowFormerBench.Dashboard.Tests.Fakes;
using LowFormerBench.Dashboard.ViewModels;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.ViewModels;

public sealed class CampaignViewModelTests
{
    private static JobView Job(long id, string scenario, int batch, string state, string? agent = "gpu-1", string? error = null) =>
        new(id, 1, "lowformer-b0", scenario, batch, 224, "fp32", "cpu", state, 1, agent, error, null);

    [Fact]
    public async Task Load_Sweep_BestBatchAmongMeasuredWithFailedAndPending()
    {
        var queries = new FakeDashboardQueries();
        queries.Campaigns.Add(Sample.Campaign(1, "sweep", 5, 2, failed: 1, queued: 1));
        queries.Jobs.AddRange([
            Job(1, "latency", 1, "succeeded"), Job(2, "throughput", 1, "succeeded"), Job(3, "throughput", 16, "succeeded"),
            Job(4, "throughput", 64, "failed", error: "out of memory at batch 64"), Job(5, "throughput", 128, "queued", agent: null),
        ]);
        // Sample.Result's images/s is 1000 / p50: 100 at batch 1, 400 at batch 16.
        queries.Results.AddRange([
            Sample.Result(1, "lowformer-b0", "gpu-1", 1, null), Sample.Result(2, "lowformer-b0", "gpu-1", 10, null, scenario: "throughput"),
            Sample.Result(3, "lowformer-b0", "gpu-1", 2.5, null, scenario: "throughput", batch: 16),
        ]);
        var model = new CampaignViewModel(queries, new FakeFarmControl());

        await model.LoadAsync(1, CancellationToken.None);

        var row = Assert.Single(model.BestBatches);
        Assert.Equal((16, 400.0), (row.Best!.Batch, row.Best.ImagesPerSecond));
        Assert.Equal([1, 16], row.Measured.Select(m => m.Batch));
        Assert.Equal(("out of memory at batch 64", 64), (Assert.Single(row.Failed).Error, row.Failed[0].Batch));
        Assert.Equal(128, Assert.Single(row.Pending).Batch);
    }

    [Fact]
    public async Task Load_OneThroughputBatch_NoBestBatchTable()
    {
        var queries = new FakeDashboardQueries();
        queries.Campaigns.Add(Sample.Campaign(1, "plain", 2, 2));
        queries.Jobs.AddRange([Job(1, "latency", 1, "succeeded"), Job(2, "throughput", 16, "succeeded")]);
        var model = new CampaignViewModel(queries, new FakeFarmControl());

        await model.LoadAsync(1, CancellationToken.None);

        Assert.Empty(model.BestBatches);
        Assert.Equal(2, model.Jobs.Count);
    }
}
