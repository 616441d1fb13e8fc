using LowFormerBench.Core.Devices;
using LowFormerBench.Measurement.Energy;
using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.Tests.Fakes;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Energy;

/// <summary>The monitor fed recorded tool output at 10 Hz, stamped as the reader would stamp it.</summary>
public sealed class WindowMonitorTests
{
    private static readonly TimeSpan Tick = WindowMonitor.Interval;

    private static WindowMonitor NvidiaSmi() =>
        new(SampledTool.NvidiaSmi(Tick), "gpu0.power_w", 1, "gpu0.sm_clock_mhz", null);

    private static WindowMonitor Replay(WindowMonitor monitor, string asset)
    {
        var lines = FakeDeviceRoot.Asset(asset).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            monitor.Record(Tick * i, lines[i]);
        }

        return monitor;
    }

    [Fact]
    public void Summarise_H200AtBatch200_MeanPowerEnergyPerImageAndClockFacts()
    {
        using var monitor = Replay(NvidiaSmi(), "nvidia-smi-lms100-h200-bs200.csv");

        // The window from line 10 (1.0 s) to line 29 (2.9 s): steady load; 95 batches of 200 images.
        var t = monitor.Summarise(Tick * 10, Tick * 29, images: 95 * 200);

        var energy = t.Energy.Reading!;
        Assert.InRange(energy.MeanPowerW, 539, 557);
        Assert.Equal(energy.MeanPowerW * 1.9 / (95 * 200), energy.JoulesPerImage, 9);
        Assert.Equal("nvidia-smi gpu0.power_w", energy.Source);
        Assert.Equal("20", t.Facts["window.samples"]);
        Assert.Equal("1980", t.Facts["window.gpu0.sm_clock_mhz.min"]);
        Assert.Equal("1980", t.Facts["window.gpu0.sm_clock_mhz.max"]);
        Assert.Contains("nvidia-smi", t.Facts["window.monitor"], StringComparison.Ordinal);
        Assert.Contains("-lms 100", t.Facts["window.monitor"], StringComparison.Ordinal);
        Assert.False(t.Throttled);
    }

    [Fact]
    public void ClocksSince_TheBoostRamp_IsNotSteadyUntilItSettles()
    {
        using var monitor = Replay(NvidiaSmi(), "nvidia-smi-lms100-h200-bs200.csv");
        var rule = ClockSteadyRule.Default;

        Assert.Equal(ClockVerdict.Wait, rule.Decide(monitor.ClocksSince(TimeSpan.Zero).Take(4).ToList(), Tick * 4));
        Assert.Equal(ClockVerdict.Steady, rule.Decide(monitor.ClocksSince(TimeSpan.Zero).Take(9).ToList(), Tick * 9));
    }

    [Fact]
    public void Summarise_ThermalSlowdownInTheWindow_FlaggedWithTheReasons()
    {
        using var monitor = Replay(NvidiaSmi(), "nvidia-smi-lms100-h200-throttled.csv");

        var t = monitor.Summarise(TimeSpan.Zero, Tick * 19, images: 1000);

        Assert.True(t.Throttled);
        Assert.Contains("gpu0 clocks_throttle_reasons=0x20", t.ThrottleReasons);
        Assert.Contains("gpu0 clocks_throttle_reasons=0x8", t.ThrottleReasons);
        Assert.Equal("1410", t.Facts["window.gpu0.sm_clock_mhz.min"]);
        Assert.Equal("78", t.Facts["window.gpu0.temperature_c.max"]);
        Assert.Contains("0x20", t.Facts["window.throttle_reasons"], StringComparison.Ordinal);
    }

    [Fact]
    public void Summarise_ThrottledLinesOutsideTheWindow_DoNotFlagIt()
    {
        using var monitor = Replay(NvidiaSmi(), "nvidia-smi-lms100-h200-throttled.csv");

        var t = monitor.Summarise(TimeSpan.Zero, Tick * 7, images: 1000);

        Assert.False(t.Throttled);
    }

    [Fact]
    public void Summarise_OrinNanoTegrastats_EnergyFromVddIn()
    {
        // The recorded JetPack 6 line at 10 Hz, its input rail rising 7.2 -> 9.0 W as the GPU loads.
        var line = FakeDeviceRoot.Asset("tegrastats-orin-nano-jp6.txt").Trim();
        using var monitor = new WindowMonitor(SampledTool.Tegrastats(Tick), TegrastatsParser.TotalPower, 0.001, "gpu_freq_mhz", null);
        double[] milliwatts = [7200, 7650, 8100, 8550, 9000];
        for (var i = 0; i < milliwatts.Length; i++)
        {
            monitor.Record(Tick * i, System.Text.RegularExpressions.Regex.Replace(line, @"VDD_IN \d+mW", $"VDD_IN {milliwatts[i]}mW"));
        }

        var t = monitor.Summarise(TimeSpan.Zero, Tick * 4, images: 40);

        Assert.Equal(8.1, t.Energy.Reading!.MeanPowerW, 9); // a linear rise: the mean is its middle
        Assert.Equal(8.1 * 0.4 / 40, t.Energy.Reading.JoulesPerImage, 9);
        Assert.Equal("tegrastats power.total_mw", t.Energy.Reading.Source);
        Assert.Equal("9000", t.Facts["window.power.VDD_IN_mw.max"]);
    }

    [Fact]
    public void Summarise_ToolThatIsNotInstalled_NotMeasuredWithTheReason()
    {
        using var monitor = new WindowMonitor(SampledTool.NvidiaSmi(Tick, "/nonexistent/nvidia-smi"), "gpu0.power_w", 1, "gpu0.sm_clock_mhz", null);
        monitor.Start();

        var t = monitor.Finish(TimeSpan.Zero, Tick * 5, images: 10);

        Assert.Null(t.Energy.Reading);
        Assert.Contains("could not be started", t.Energy.NotMeasuredBecause, StringComparison.Ordinal);
        Assert.StartsWith("not measured: ", t.Facts["window.energy"], StringComparison.Ordinal);
    }

    [Fact]
    public void For_CpuWithoutRapl_NoMonitor()
    {
        using var root = FakeDeviceRoot.Create();
        var cpu = new ProbedDevice("x64", "Debian", "Xeon", 2, 1L << 34, "1.32.0", ["CPUExecutionProvider"], DeviceClass.Cpu, "", "", "", "", "h");

        Assert.Null(WindowMonitor.For(cpu, onGpu: false, files: root.Files));
    }

    [Fact]
    public void For_CpuWithReadableRapl_CounterMonitorMeasuresEnergy()
    {
        using var root = FakeDeviceRoot.Create()
            .WithFile("sys/class/powercap/intel-rapl:0/name", "package-0\n")
            .WithFile("sys/class/powercap/intel-rapl:0/energy_uj", "1000000\n")
            .WithFile("sys/class/powercap/intel-rapl:0/max_energy_range_uj", "262143328850\n");
        var cpu = new ProbedDevice("x64", "Debian", "Xeon", 2, 1L << 34, "1.32.0", ["CPUExecutionProvider"], DeviceClass.Cpu, "", "", "", "", "h");
        using var monitor = WindowMonitor.For(cpu, onGpu: false, files: root.Files)!;

        var start = monitor.Mark();
        root.WithFile("sys/class/powercap/intel-rapl:0/energy_uj", "46000000\n"); // 45 J later
        Thread.Sleep(50);
        var end = monitor.Mark();
        var t = monitor.Finish(start, end, images: 90);

        Assert.Equal(0.5, t.Energy.Reading!.JoulesPerImage, 9);
        Assert.Equal("rapl package-0", t.Energy.Reading.Source);
        Assert.False(monitor.WatchesClock);
    }
}
