using LowFormerBench.Core.Figures;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Results;
using Xunit;

namespace LowFormerBench.Core.Tests.Figures;

public sealed class ConfigurationLabelTests
{
    private static ResultView Result(string model, int resolution = 224, int batch = 1, string provider = "CPUExecutionProvider") =>
        new(1, 1, model, "sha-" + model + resolution, "a", "latency", batch, resolution, "fp32", provider,
            new ReportedSummary(1, 1, 1, 1, 0, 1, 1, 1, 1, 10, 1000, 1, true, 0, 10, 1), 1, "fp", 1, 1, null, DateTimeOffset.UnixEpoch, false);

    [Fact]
    public void Full_SaysEveryDimension()
    {
        Assert.Equal("lowformer-b0 · 128 px · batch 8 · fp32 · CUDA", ConfigurationLabel.Full(Result("lowformer-b0", 128, 8, "CUDAExecutionProvider")));
    }

    [Fact]
    public void Distinguishing_TwoResolutionsOfOneModel_SaysTheResolution()
    {
        var points = new[] { Result("lowformer-b0", 128), Result("lowformer-b0", 224), Result("resnet18", 224) };

        var label = ConfigurationLabel.Distinguishing(points);

        Assert.Equal(["lowformer-b0 128 px", "lowformer-b0 224 px", "resnet18 224 px"], points.Select(label));
    }

    [Fact]
    public void Distinguishing_OneConfigurationEach_ModelAlone()
    {
        var points = new[] { Result("lowformer-b0"), Result("resnet18") };

        Assert.Equal(["lowformer-b0", "resnet18"], points.Select(ConfigurationLabel.Distinguishing(points)));
    }

    [Fact]
    public void Count_ModelsCountedAsModels()
    {
        Assert.Equal("3 configurations of 2 models", ConfigurationLabel.Count([Result("a", 128), Result("a", 224), Result("b")]));
        Assert.Equal("2 models", ConfigurationLabel.Count([Result("a"), Result("b")]));
    }
}
