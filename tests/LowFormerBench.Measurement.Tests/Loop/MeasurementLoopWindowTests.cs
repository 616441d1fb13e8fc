using LowFormerBench.Measurement.Energy;
using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Measurement.Tests.Fakes;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Loop;

/// <summary>
/// The loop with a window monitor fed the recorded H200 nvidia-smi lines at 10 Hz of the fake clock (one line per 20
/// inferences of 5 ms): it waits for the SM clock to settle before timing, and the result carries the window's energy.
/// </summary>
public sealed class MeasurementLoopWindowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MeasurementLoop Build(string asset, FakeClock clock, Func<WindowMonitor> make)
    {
        var lines = FakeDeviceRoot.Asset(asset).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        WindowMonitor? monitor = null;
        var factory = new FakeRunnerFactory(clock, _ => 5.0, run =>
        {
            if (run % 20 == 0 && monitor is not null)
            {
                monitor.Record(monitor.Now, lines[Math.Min(run / 20, lines.Length - 1)]);
            }
        });
        return new MeasurementLoop(factory, time: clock, monitors: _ => monitor = make());
    }

    [Fact]
    public void Measure_BoostRampThenSteady_WaitsForTheClockAndStoresEnergy()
    {
        var clock = new FakeClock();
        var loop = Build("nvidia-smi-lms100-h200-bs200.csv", clock,
            () => new WindowMonitor(SampledTool.NvidiaSmi(WindowMonitor.Interval, "/nonexistent/nvidia-smi"), "gpu0.power_w", 1, "gpu0.sm_clock_mhz", null, clock));

        var outcome = loop.Measure(new MeasurementRequest("fake.onnx", Batch: 200, Scenario: MeasurementRequest.Throughput, MinIterations: 200,
            MaxIterations: 200, TimeBudget: TimeSpan.FromSeconds(60)), cancellationToken: Ct);

        var facts = outcome.EnvironmentAfter!.Facts;
        Assert.Equal("true", facts["window.sm_clock_steady"]);
        Assert.True(int.Parse(facts["window.clock_wait_inferences"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("1980", facts["window.gpu0.sm_clock_mhz.min"]); // the ramp (345, 1755 MHz) is outside the window
        Assert.NotNull(outcome.Energy);
        Assert.InRange(outcome.Energy.MeanPowerW, 535, 560);
        Assert.Equal(outcome.Energy.MeanPowerW * outcome.TimedWindow.TotalSeconds / (200 * 200), outcome.Energy.JoulesPerImage, 6);
        Assert.Equal(string.Empty, outcome.EnergyNote);
        Assert.False(outcome.MeasuredWhileThrottled);
    }

    [Fact]
    public void Measure_ThermalSlowdownInTheWindow_FlagsTheResult()
    {
        var clock = new FakeClock();
        var loop = Build("nvidia-smi-lms100-h200-throttled.csv", clock,
            () => new WindowMonitor(SampledTool.NvidiaSmi(WindowMonitor.Interval, "/nonexistent/nvidia-smi"), "gpu0.power_w", 1, null, null, clock));

        var outcome = loop.Measure(new MeasurementRequest("fake.onnx", MinIterations: 400, MaxIterations: 400, TimeBudget: TimeSpan.FromSeconds(60)),
            cancellationToken: Ct);

        Assert.True(outcome.MeasuredWhileThrottled);
        Assert.Contains("gpu0 clocks_throttle_reasons=0x20", outcome.EnvironmentAfter!.Facts["throttle.reasons"], StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_NoMonitor_EnergyNotMeasuredNeverZero()
    {
        var clock = new FakeClock();
        var outcome = new MeasurementLoop(new FakeRunnerFactory(clock, _ => 5.0), time: clock)
            .Measure(new MeasurementRequest("fake.onnx", MinIterations: 10, MaxIterations: 10), cancellationToken: Ct);

        Assert.Null(outcome.Energy);
        Assert.NotEmpty(outcome.EnergyNote);
    }
}
