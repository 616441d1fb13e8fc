using LowFormerBench.Cli.Rendering;
using LowFormerBench.Protos.V1;
using Xunit;

namespace LowFormerBench.Cli.Tests;

/// <summary>Energy in <c>lfb results</c>: a value where the agent measured one, "not measured" (never 0) where it did not.</summary>
public sealed class ResultRecordEnergyTests
{
    private static ResultRow Row(Action<MeasurementSummary>? energy = null)
    {
        var summary = new MeasurementSummary { P50Ms = 10.6, Samples = 100, ThroughputIps = 18_868 };
        energy?.Invoke(summary);
        return new ResultRow { JobId = "1", Model = "lowformer-b1", Agent = "h200", Scenario = "throughput", Batch = 200, Summary = summary };
    }

    [Fact]
    public void From_MeasuredEnergy_PowerJoulesAndSource()
    {
        var record = ResultRecord.From(Row(s =>
        {
            s.MeanPowerW = 554.5;
            s.EnergyPerImageJ = 0.0295;
            s.EnergySource = "nvidia-smi gpu0.power_w";
        }));

        Assert.Equal(554.5, record.MeanPowerW);
        Assert.Equal(0.0295, record.EnergyPerImageJ);
        Assert.Equal("nvidia-smi gpu0.power_w", record.Energy);
    }

    [Fact]
    public void From_NoSensor_NullNumbersAndNotMeasured()
    {
        var record = ResultRecord.From(Row(s => s.EnergyNotMeasured = "this device has no power sensor the agent can read"));

        Assert.Null(record.MeanPowerW);
        Assert.Null(record.EnergyPerImageJ);
        Assert.Equal("not measured", record.Energy);
        Assert.Equal("not measured", Units.Watts(record.MeanPowerW));
        Assert.Equal("not measured", Units.JoulesPerImage(record.EnergyPerImageJ));
    }
}
