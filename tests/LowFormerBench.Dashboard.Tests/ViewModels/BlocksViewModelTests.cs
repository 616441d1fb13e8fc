using LowFormerBench.Core.Probes;
using LowFormerBench.Core.Queries;
using LowFormerBench.Dashboard.Tests.Fakes;
using LowFormerBench.Dashboard.ViewModels;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.ViewModels;

public sealed class BlocksViewModelTests
{
    private static ModelView Probe(string model, string family, string variant, string reference, long macs) =>
        new("sha-" + model + "224fp32", model, "builtin", "probe:" + model, "probe:" + family, 224, "fp32", 1, 1, macs, null)
        {
            Probe = new ProbeFacts(family, "k3", variant, reference, 0),
        };

    [Fact]
    public void Show_ProbeResultsOnTwoDevices_OnePanelPerDeviceWithRatiosToTheReference()
    {
        var model = new BlocksViewModel(new FakeDashboardQueries());
        ModelView[] models =
        [
            Probe("std", "conv", "standard", "standard", 1_000_000_000),
            Probe("dw", "conv", "depthwise", "standard", 1_000_000_000),
            new("sha-resnet18224fp32", "resnet18", "builtin", "resnet18", "ResNet", 224, "fp32", 1, 1, 1, 69.8),
        ];

        model.Show(models, [
            Sample.Result(1, "dw", "jetson", 30, null), Sample.Result(2, "std", "jetson", 10, null),
            Sample.Result(3, "dw", "gpu", 4, null), Sample.Result(4, "std", "gpu", 2, null),
            Sample.Result(5, "resnet18", "gpu", 5, 69.8),
        ]);

        Assert.Equal(["conv"], model.Families);
        Assert.Equal(["gpu", "jetson"], model.Panels.Select(p => p.Agent));
        var jetson = model.Panels[1];
        Assert.True(jetson.Rows[0].IsReference);
        Assert.Equal(3, jetson.Rows[1].RatioToReference!.Value, 9);
        Assert.Equal(30, jetson.ValueOf(jetson.Rows[1]), 9);
        Assert.Equal(2, model.Panels[0].Rows[1].RatioToReference!.Value, 9);
    }
}
