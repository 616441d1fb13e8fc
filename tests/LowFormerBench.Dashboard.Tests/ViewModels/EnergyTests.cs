using LowFormerBench.Core.Results;
using LowFormerBench.Dashboard.Tests.Fakes;
using LowFormerBench.Dashboard.ViewModels;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.ViewModels;

public sealed class EnergyTests
{
    private static readonly EnergyReading H200 = new(554.5, 0.0295, "nvidia-smi gpu0.power_w");

    private static Core.Queries.ResultView Measured(long jobId, string model, string agent, double p50)
    {
        var result = Sample.Result(jobId, model, agent, p50, null);
        return result with { Summary = result.Summary with { Energy = H200 } };
    }

    [Fact]
    public void Row_WithEnergy_PowerJoulesAndSource()
    {
        var header = ResultsCsv.Header.Split(',');
        var fields = ResultsCsv.Row(Measured(1, "lowformer-b1", "h200", 10.6)).Split(',');

        Assert.Equal(header.Length, fields.Length);
        Assert.Equal("554.5", fields[Array.IndexOf(header, "mean_power_w")]);
        Assert.Equal("0.0295", fields[Array.IndexOf(header, "energy_per_image_j")]);
        Assert.Equal("nvidia-smi gpu0.power_w", fields[Array.IndexOf(header, "energy_source")]);
    }

    [Fact]
    public void Row_WithoutASensor_EmptyNumbersAndNotMeasured()
    {
        var header = ResultsCsv.Header.Split(',');
        var fields = ResultsCsv.Row(Sample.Result(1, "lowformer-b1", "pi5", 80, null)).Split(',');

        Assert.Equal("", fields[Array.IndexOf(header, "mean_power_w")]);
        Assert.Equal("", fields[Array.IndexOf(header, "energy_per_image_j")]);
        Assert.Equal("not measured", fields[Array.IndexOf(header, "energy_source")]);
    }

    [Fact]
    public void Points_OnlyMeasuredResults_ImagesPerJouleAgainstLatency()
    {
        var points = EnergyViewModel.Points([Measured(1, "lowformer-b1", "h200", 10.6), Sample.Result(2, "resnet18", "pi5", 80, null)]);

        var point = Assert.Single(points);
        Assert.Equal("h200", point.Agent);
        Assert.Equal(10.6, point.LatencyMs);
        Assert.Equal(1 / 0.0295, point.ImagesPerJoule, 9);
        Assert.Equal(554.5, point.MeanPowerW);
    }
}
