using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.Tests.Fakes;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Environment;

public sealed class TegrastatsParserTests
{
    private static string[] Lines(string asset) => FakeDeviceRoot.Asset(asset).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Parse_OrinUnderLoad_RamCpuGpuTemperaturesAndRails()
    {
        var sample = TegrastatsParser.Parse(Lines("tegrastats-orin-agx.txt")[1]);

        Assert.NotNull(sample);
        var m = sample.Metrics;
        Assert.Equal(3102, m["ram_used_mb"]);
        Assert.Equal(30536, m["ram_total_mb"]);
        Assert.Equal(8, m["cpu_online"]); // four cores "off"
        Assert.Equal((35 + 22 + 18 + 20 + 41 + 12 + 9 + 15) / 8.0, m["cpu_load_pct"], 6);
        Assert.Equal(2201, m["cpu_freq_mhz"]);
        Assert.Equal(97, m["gpu_load_pct"]);
        Assert.Equal(1300, m["gpu_freq_mhz"]);
        Assert.Equal(38, m["emc_load_pct"]);
        Assert.Equal(55.031, m["temp.tj_c"]);
        Assert.Equal(55.031, m["temp.GPU_c"]);
        Assert.False(m.ContainsKey("temp.CV0_c")); // -256C: sensor off
        Assert.Equal(14208, m["power.VDD_GPU_SOC_mw"]);
        Assert.Equal(5462, m["power.VIN_SYS_5V0_mw"]);
        Assert.Equal(14208 + 2781 + 5462, m[TegrastatsParser.TotalPower]); // no VDD_IN on the AGX: the module is the sum of its rails
        Assert.DoesNotContain(m.Keys, k => k.Contains("RAM", StringComparison.Ordinal) || k.Contains("SWAP", StringComparison.Ordinal));
        Assert.Empty(sample.ThrottleReasons);
    }

    [Fact]
    public void Parse_Xavier_SingleGpuClockAndRailsWithoutUnits()
    {
        var sample = TegrastatsParser.Parse(Lines("tegrastats-xavier-agx.txt")[1]);

        Assert.NotNull(sample);
        Assert.Equal(98, sample.Metrics["gpu_load_pct"]);
        Assert.Equal(1377, sample.Metrics["gpu_freq_mhz"]);
        Assert.Equal(2265, sample.Metrics["cpu_freq_mhz"]);
        Assert.Equal(4, sample.Metrics["cpu_online"]);
        Assert.Equal(2841, sample.Metrics["power.GPU_mw"]);
        Assert.Equal(932, sample.Metrics["power.CPU_mw"]);
        Assert.Equal(41, sample.Metrics["temp.GPU_c"]);
        Assert.Equal(100, sample.Metrics["temp.PMIC_c"]);
    }

    [Fact]
    public void Parse_OrinNanoJetPack6_GpuLoadWithoutClock()
    {
        var sample = TegrastatsParser.Parse(Lines("tegrastats-orin-nano-jp6.txt")[0]);

        Assert.NotNull(sample);
        Assert.Equal(99, sample.Metrics["gpu_load_pct"]);
        Assert.False(sample.Metrics.ContainsKey("gpu_freq_mhz"));
        Assert.Equal(63.062, sample.Metrics["temp.tj_c"]);
        Assert.Equal(9120, sample.Metrics["power.VDD_IN_mw"]);
        Assert.Equal(9120, sample.Metrics[TegrastatsParser.TotalPower]); // the input rail is the module's power
        Assert.Equal(6, sample.Metrics["cpu_online"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tegrastats: command not found")]
    [InlineData("Unable to open /sys/kernel/debug/bpmp/debug/clk: permission denied")]
    public void Parse_NotAStatsLine_Null(string line) => Assert.Null(TegrastatsParser.Parse(line));
}
