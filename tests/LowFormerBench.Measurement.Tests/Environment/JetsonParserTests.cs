using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.Tests.Fakes;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Environment;

public sealed class JetsonParserTests
{
    [Fact]
    public void L4tRelease_R35_MajorAndRevision() =>
        Assert.Equal("R35.4.1", BoardParsers.L4tRelease(FakeDeviceRoot.Asset("nv_tegra_release-r35.txt")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("TARGET_USERSPACE_LIB_DIR=nvidia\n")]
    public void L4tRelease_Absent_Empty(string? text) => Assert.Equal(string.Empty, BoardParsers.L4tRelease(text));

    [Fact]
    public void JetsonClocks_AfterJetsonClocks_PinnedAtMaximum()
    {
        var clocks = BoardParsers.JetsonClocksState(FakeDeviceRoot.Asset("jetson-clocks-show-pinned.txt"));

        Assert.NotNull(clocks);
        Assert.True(clocks.Pinned);
        Assert.Equal(2201, clocks.CpuMaxMhz);
        Assert.Equal(1300, clocks.GpuMaxMhz);
        Assert.Equal(1300, clocks.GpuCurrentMhz);
    }

    [Fact]
    public void JetsonClocks_Default_Dynamic()
    {
        var clocks = BoardParsers.JetsonClocksState(FakeDeviceRoot.Asset("jetson-clocks-show-dynamic.txt"));

        Assert.NotNull(clocks);
        Assert.False(clocks.Pinned);
        Assert.Equal(1510, clocks.CpuMaxMhz);
        Assert.Equal(624, clocks.GpuMaxMhz);
        Assert.Equal(306, clocks.GpuCurrentMhz);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("jetson_clocks: must be run as root\n")]
    public void JetsonClocks_NoClockLines_Null(string? text) => Assert.Null(BoardParsers.JetsonClocksState(text));

    [Fact]
    public void NvidiaSmiSample_PerGpuMetricsAndThermalSlowdownFlagged()
    {
        var lines = FakeDeviceRoot.Asset("nvidia-smi-sample-rtx4090.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var loaded = NvidiaSmiParser.ParseSample(lines[1]);
        var hot = NvidiaSmiParser.ParseSample(lines[2]);

        Assert.NotNull(loaded);
        Assert.Equal(98, loaded.Metrics["gpu0.load_pct"]);
        Assert.Equal(20311, loaded.Metrics["gpu0.memory_used_mib"]);
        Assert.Equal(2745, loaded.Metrics["gpu0.sm_clock_mhz"]);
        Assert.Equal(402.18, loaded.Metrics["gpu0.power_w"]);
        Assert.Empty(loaded.ThrottleReasons); // 0x4, the software power cap, is routine at full load
        Assert.NotNull(hot);
        Assert.Equal("gpu0 clocks_throttle_reasons=0x20", Assert.Single(hot.ThrottleReasons));
        Assert.Null(NvidiaSmiParser.ParseSample("index, utilization.gpu [%], memory.used [MiB]"));
    }
}
