using System.Collections.Immutable;
using LowFormerBench.Core.Results;
using LowFormerBench.Dashboard.Tests.Fakes;
using LowFormerBench.Dashboard.ViewModels;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.ViewModels;

public sealed class OperatorSharesViewModelTests
{
    private static readonly OperatorProfile Profile = new(5, "all", 10, 1000, 1000,
        [new OperatorShare("Conv", 3, 6, 0.6, 900, 0.9), new OperatorShare("Conv (depthwise)", 2, 4, 0.4, 100, 0.1), new OperatorShare("Flatten", 1, 0, 0, 0, 0)],
        [], ["note"]);

    [Fact]
    public async Task Load_NoChoice_NewestProfiledResultAndItsBars()
    {
        var queries = new FakeDashboardQueries();
        queries.Results.AddRange([
            Sample.Result(1, "lowformer-b0", "a", 1, null) with { HasOperatorProfile = true },
            Sample.Result(2, "resnet18", "a", 1, null),
            Sample.Result(3, "lowformer-b1", "a", 1, null) with { HasOperatorProfile = true },
        ]);
        queries.Profiles[3] = Profile;
        var model = new OperatorSharesViewModel(queries);

        await model.LoadAsync(null, TestContext.Current.CancellationToken);

        Assert.Equal([3L, 1L], model.Profiled.Select(r => r.JobId));
        Assert.Equal(3, model.Selected?.JobId);
        Assert.Equal(["Conv", "Conv (depthwise)"], model.Bars.Select(b => b.OpType));
    }

    [Fact]
    public async Task Load_NoProfiles_NothingSelected()
    {
        var queries = new FakeDashboardQueries();
        queries.Results.Add(Sample.Result(1, "resnet18", "a", 1, null));
        var model = new OperatorSharesViewModel(queries);

        await model.LoadAsync(null, TestContext.Current.CancellationToken);

        Assert.Null(model.Selected);
        Assert.Null(model.Profile);
        Assert.Empty(model.Bars);
    }
}
