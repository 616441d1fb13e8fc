using LowFormerBench.Dashboard.Tests.Fakes;
using LowFormerBench.Dashboard.ViewModels;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.ViewModels;

public sealed class ResultsViewModelTests
{
    private static async Task<ResultsViewModel> LoadedAsync()
    {
        var queries = new FakeDashboardQueries();
        queries.Results.AddRange([
            Sample.Result(1, "lowformer-b0", "x64-box", 5, 78.4),
            Sample.Result(2, "lowformer-b0", "pi5", 50, 78.4),
            Sample.Result(3, "resnet18", "x64-box", 8, 69.8, precision: "fp16"),
            Sample.Result(4, "resnet18", "x64-box", 30, 69.8, scenario: "throughput", batch: 16, resolution: 256),
        ]);
        var model = new ResultsViewModel(queries);
        await model.LoadAsync(CancellationToken.None);
        return model;
    }

    [Fact]
    public async Task Load_ChoicesAreDistinctSortedValues()
    {
        var model = await LoadedAsync();

        Assert.Equal(["lowformer-b0", "resnet18"], model.Models);
        Assert.Equal(["pi5", "x64-box"], model.Agents);
        Assert.Equal([224, 256], model.Resolutions);
        Assert.Equal(4, model.TotalCount);
        Assert.Equal(4, model.MatchingCount);
    }

    [Fact]
    public async Task Apply_SeveralFields_AllMustMatch()
    {
        var model = await LoadedAsync();

        await model.ApplyAsync(new ResultFilter(Agent: "x64-box", Scenario: "latency"), CancellationToken.None);
        Assert.Equal(2, model.MatchingCount);
        await model.FetchAsync(0, 50, Core.Queries.ResultSort.JobId, false, CancellationToken.None);
        Assert.Equal([1L, 3L], model.Rows.Select(r => r.JobId));

        await model.ApplyAsync(model.Filter with { Precision = "fp16" }, CancellationToken.None);
        await model.FetchAsync(0, 50, Core.Queries.ResultSort.JobId, false, CancellationToken.None);
        Assert.Equal([3L], model.Rows.Select(r => r.JobId));

        await model.ApplyAsync(new ResultFilter(Resolution: 256), CancellationToken.None);
        await model.FetchAsync(0, 50, Core.Queries.ResultSort.JobId, false, CancellationToken.None);
        Assert.Equal([4L], model.Rows.Select(r => r.JobId));
        // The matrix compares latency only: a throughput filter leaves it empty.
        Assert.Empty(model.Matrix.Rows);
    }

    [Fact]
    public void Filter_QueryStringRoundTrip_SameFilter()
    {
        var filter = new ResultFilter("lowformer b0&x", "pi5", "latency", null, "fp32", 224);
        var query = filter.ToQueryString();
        var pairs = query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

        Assert.Equal(filter, ResultFilter.FromQuery(pairs.GetValueOrDefault));
        Assert.Equal("results.csv", new ResultsViewModel(new FakeDashboardQueries()).CsvHref);
    }

    [Fact]
    public void FromQuery_BlankAndBadResolution_Any()
    {
        var filter = ResultFilter.FromQuery(name => name == "resolution" ? "abc" : " ");

        Assert.Equal(new ResultFilter(), filter);
    }
}
