using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Regression;
using LowFormerBench.Dashboard.Tests.Fakes;
using LowFormerBench.Dashboard.ViewModels;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.ViewModels;

public sealed class PlotsViewModelTests
{
    [Fact]
    public void Show_PerAgentSeries_LatencyAtBatchOneOnlyAndFrontPerAgent()
    {
        var model = new PlotsViewModel(new FakeDashboardQueries());

        model.Show([
            Sample.Result(1, "lowformer-b0", "gpu-box", 1.0, 78.4, macs: 944_000_000),
            Sample.Result(2, "resnet18", "gpu-box", 1.5, 69.8, macs: 1_814_000_000),
            Sample.Result(3, "efficientvit-b1", "gpu-box", 2.0, 79.4, macs: 520_000_000),
            Sample.Result(4, "lowformer-b0", "pi5", 40, 78.4),
            Sample.Result(5, "resnet18", "gpu-box", 9.0, 69.8, scenario: "throughput", batch: 16),
            Sample.Result(6, "uploaded", "gpu-box", 0.5, null),
        ]);

        Assert.Equal(["gpu-box", "pi5"], model.Series.Select(s => s.Agent));
        var gpu = model.Series[0];
        Assert.Equal(4, gpu.Points.Count);
        Assert.Equal(3, gpu.WithTop1.Count);
        Assert.Equal(["lowformer-b0", "efficientvit-b1"], gpu.Front.Select(p => p.Model));
        Assert.NotNull(gpu.MacsLatencyR);
        Assert.Null(model.Series[1].MacsLatencyR);
    }

    [Fact]
    public void Show_SameConfigurationMeasuredTwice_NewestResultPlotted()
    {
        var model = new PlotsViewModel(new FakeDashboardQueries());

        model.Show([Sample.Result(1, "resnet18", "a", 3.0, 69.8), Sample.Result(9, "resnet18", "a", 2.0, 69.8)]);

        Assert.Equal(2.0, Assert.Single(Assert.Single(model.Series).Points).LatencyMs);
    }

    [Fact]
    public void Show_Throughput_BestBatchPerModelAndFrontOnBothAxes()
    {
        var model = new PlotsViewModel(new FakeDashboardQueries());

        // Sample.Result gives 1000 / p50 images/s: batch 32 at 2 ms (500/s) beats batch 8 at 4 ms (250/s).
        model.Show([
            Sample.Result(1, "lowformer-b0", "gpu", 4.0, 78.4, scenario: "throughput", batch: 8),
            Sample.Result(2, "lowformer-b0", "gpu", 2.0, 78.4, scenario: "throughput", batch: 32),
            Sample.Result(3, "resnet18", "gpu", 1.0, 69.8, scenario: "throughput", batch: 32),
            Sample.Result(4, "mobilenetv2", "gpu", 5.0, 72.0, scenario: "throughput", batch: 32),
        ]);

        var gpu = Assert.Single(model.Throughput);
        var lowformer = gpu.WithTop1.Single(p => p.Model == "lowformer-b0");
        Assert.Equal(32, lowformer.Batch);
        Assert.Equal(500, lowformer.ImagesPerSecond, 6);
        // resnet18 is fastest, lowformer-b0 more accurate; mobilenetv2 is slower and less accurate than lowformer-b0.
        Assert.Equal(["resnet18", "lowformer-b0"], gpu.Front.Select(p => p.Model));
        Assert.Empty(model.Series);
    }

    [Fact]
    public async Task ChooseAgent_ResolutionLinesAndFirstLatencyHistory()
    {
        var queries = new FakeDashboardQueries();
        queries.Results.AddRange([
            Sample.Result(1, "lowformer-b0", "pi5", 40, 78.4, resolution: 224),
            Sample.Result(2, "lowformer-b0", "pi5", 20, 78.4, resolution: 160),
            Sample.Result(3, "lowformer-b0", "x64", 4, 78.4, resolution: 224),
        ]);
        var key = new RowKey("lowformer-b0", "pi5", "latency", 1, 224, "fp32", "cpu");
        var points = Enumerable.Range(1, 6).Select(i => new HistoryPoint(i, DateTimeOffset.UnixEpoch, i <= 3 ? 40 : 48, "fp")).ToList();
        queries.Histories.Add(new ResultHistory(key, points, ChangePoints.Detect(points, PlotsViewModel.ChangeThreshold)));
        var model = new PlotsViewModel(queries);

        await model.LoadAsync(CancellationToken.None);
        Assert.Equal("pi5", model.Agent);
        var line = Assert.Single(model.ResolutionLines);
        Assert.Equal([(160, 20.0), (224, 40.0)], line.Points);
        Assert.Equal(key, model.HistoryKey);
        Assert.Equal(4, Assert.Single(model.History!.Changes).CampaignId);

        await model.ChooseAgentAsync("x64", CancellationToken.None);
        Assert.Single(Assert.Single(model.ResolutionLines).Points);
        Assert.Null(model.History);
    }
}
