using LowFormerBench.Measurement.Energy;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Energy;

public sealed class EnergyIntegrationTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Over_ConstantPower_MeanIsThatPowerAndEnergySplitsPerImage()
    {
        PowerSample[] readings = [new(Ms(0), 500), new(Ms(100), 500), new(Ms(200), 500), new(Ms(300), 500)];

        var energy = EnergyIntegration.Over(readings, Ms(50), Ms(250), images: 400, "test");

        Assert.NotNull(energy.Reading);
        Assert.Equal(500, energy.Reading.MeanPowerW, 9);
        Assert.Equal(500 * 0.2 / 400, energy.Reading.JoulesPerImage, 12); // 100 J over 400 images
        Assert.Equal("test", energy.Reading.Source);
    }

    [Fact]
    public void Over_RampingPower_TrapezoidsInterpolatedAtTheEdges()
    {
        // Power rises linearly 0 -> 1000 W over 1 s: over [0.25 s, 0.75 s] the mean is the value at the middle, 500 W.
        PowerSample[] readings = [.. Enumerable.Range(0, 11).Select(i => new PowerSample(Ms(i * 100), i * 100))];

        var energy = EnergyIntegration.Over(readings, Ms(250), Ms(750), images: 1, "ramp");

        Assert.Equal(500, energy.Reading!.MeanPowerW, 9);
        Assert.Equal(250, energy.Reading.JoulesPerImage, 9);
    }

    [Fact]
    public void Over_FewerThanTwoReadingsInTheWindow_NotMeasuredWithTheReason()
    {
        PowerSample[] readings = [new(Ms(0), 300), new(Ms(100), 300)];

        var energy = EnergyIntegration.Over(readings, Ms(10), Ms(90), images: 10, "nvidia-smi gpu0.power_w");

        Assert.Null(energy.Reading);
        Assert.Contains("0 reading(s) inside the 80 ms timed window", energy.NotMeasuredBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void Over_ZeroWattsThroughout_NotMeasuredNeverZero()
    {
        PowerSample[] readings = [new(Ms(0), 0), new(Ms(100), 0), new(Ms(200), 0)];

        var energy = EnergyIntegration.Over(readings, Ms(0), Ms(200), images: 10, "s");

        Assert.Null(energy.Reading);
        Assert.Contains("0 W", energy.NotMeasuredBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void FromCounter_JoulesOverSeconds()
    {
        var energy = EnergyIntegration.FromCounter(120, TimeSpan.FromSeconds(4), images: 600, "rapl package-0");

        Assert.Equal(30, energy.Reading!.MeanPowerW, 9);
        Assert.Equal(0.2, energy.Reading.JoulesPerImage, 9);
    }
}
