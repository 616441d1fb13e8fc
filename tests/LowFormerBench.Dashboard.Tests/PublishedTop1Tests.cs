using LowFormerBench.Coordinator.Models;
using LowFormerBench.Dashboard.Tests.Browser;
using Xunit;

namespace LowFormerBench.Dashboard.Tests;

/// <summary>A published top-1 belongs to the resolution it was published at (224 px for every zoo card), so accuracy plots never mix resolutions.</summary>
public sealed class PublishedTop1Tests
{
    [Fact]
    public async Task EnsureBuiltIn_OtherResolutionHasNoTop1_PublishedResolutionHasIt()
    {
        await using var server = await DashboardServer.StartAsync();
        var library = server.Get<ModelLibrary>();

        var small = await library.EnsureBuiltInAsync("mobilenetv2-1.0", 64, LowFormerBench.Core.Jobs.Precision.Fp32, CancellationToken.None);
        var published = await library.EnsureBuiltInAsync("mobilenetv2-1.0", 224, LowFormerBench.Core.Jobs.Precision.Fp32, CancellationToken.None);

        Assert.Null(small.Top1);
        Assert.Equal(71.878, published.Top1);
    }
}
