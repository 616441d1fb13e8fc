using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.Tests.Fakes;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Environment;

public sealed class EnvironmentProbeTests
{
    [Fact]
    public void Snapshot_RaspberryPi5AtRest_FactsAndNotThrottled()
    {
        using var root = FakeDeviceRoot.RaspberryPi5();
        var commands = new FakeCommandRunner().With("vcgencmd", "get_throttled", FakeDeviceRoot.Asset("vcgencmd-throttled-ok.txt"));

        var snapshot = new EnvironmentProbe(root.Files, commands, new FakeClock()).Snapshot(EnvironmentSnapshot.Before);

        Assert.Equal("before", snapshot.Phase);
        Assert.False(snapshot.Throttled);
        Assert.Equal("ondemand", snapshot.Facts["cpu.governor"]);
        Assert.Equal("1500", snapshot.Facts["cpu.freq_mhz.mean"]);
        Assert.Equal("2400", snapshot.Facts["cpu.freq_mhz.limit"]);
        Assert.Equal("48.3", snapshot.Facts["thermal.cpu-thermal_c"]);
        Assert.Equal("0.52", snapshot.Facts["load.1m"]);
        Assert.Equal("0x0", snapshot.Facts["rpi.throttled"]);
        Assert.Equal((7582416L * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), snapshot.Facts["memory.available_bytes"]);
        Assert.DoesNotContain("throttle.reasons", snapshot.Facts.Keys);
    }

    [Fact]
    public void Snapshot_RaspberryPiUnderVoltage_ThrottledWithReason()
    {
        using var root = FakeDeviceRoot.RaspberryPi5();
        var commands = new FakeCommandRunner().With("vcgencmd", "get_throttled", FakeDeviceRoot.Asset("vcgencmd-throttled-undervoltage.txt"));

        var snapshot = new EnvironmentProbe(root.Files, commands).Snapshot(EnvironmentSnapshot.After);

        Assert.True(snapshot.Throttled);
        Assert.Contains("0x50005", snapshot.Facts["throttle.reasons"]);
    }

    [Fact]
    public void Snapshot_ZonePastPassiveTripPoint_Throttled()
    {
        using var root = FakeDeviceRoot.Create()
            .WithThermalZone(0, "cpu-thermal", 97_000, ("passive", 95_000), ("critical", 105_000))
            .WithThermalZone(1, "gpu-thermal", 60_000, ("passive", 95_000));

        var snapshot = new EnvironmentProbe(root.Files, new FakeCommandRunner()).Snapshot(EnvironmentSnapshot.Before);

        Assert.True(snapshot.Throttled);
        Assert.Contains("cpu-thermal at 97.0 C", snapshot.Facts["throttle.reasons"]);
        Assert.DoesNotContain("gpu-thermal", snapshot.Facts["throttle.reasons"]);
        Assert.Equal("97.0", snapshot.Facts["thermal.max_c"]);
    }

    [Fact]
    public void Snapshot_GpuThermalSlowdown_ThrottledPerGpuFacts()
    {
        using var root = FakeDeviceRoot.Create();
        var commands = new FakeCommandRunner()
            .With("nvidia-smi", NvidiaSmiParser.StateQuery, FakeDeviceRoot.Asset("nvidia-smi-state-2xa100-thermal.csv"));

        var snapshot = new EnvironmentProbe(root.Files, commands).Snapshot(EnvironmentSnapshot.Before);

        Assert.True(snapshot.Throttled);
        Assert.Equal("87", snapshot.Facts["gpu0.temperature_c"]);
        Assert.Equal("301.44", snapshot.Facts["gpu1.power_w"]);
        Assert.DoesNotContain("gpu0.power_w", snapshot.Facts.Keys);
        Assert.Contains("gpu0", snapshot.Facts["throttle.reasons"]);
        Assert.DoesNotContain("gpu1", snapshot.Facts["throttle.reasons"]);
    }

    [Fact]
    public void Snapshot_JetsonPowerMode_Recorded()
    {
        using var root = FakeDeviceRoot.Create();
        var commands = new FakeCommandRunner().With("nvpmodel", "-q", FakeDeviceRoot.Asset("nvpmodel-orin-nano.txt"));

        var snapshot = new EnvironmentProbe(root.Files, commands).Snapshot(EnvironmentSnapshot.Before);

        Assert.Equal("15W", snapshot.Facts["jetson.power_mode"]);
    }

    [Theory]
    [InlineData("jetson-clocks-show-pinned.txt", "pinned", "1300")]
    [InlineData("jetson-clocks-show-dynamic.txt", "dynamic", "306")]
    public void Snapshot_Jetson_L4tReleaseAndClockState(string clocksAsset, string state, string gpuMhz)
    {
        using var root = FakeDeviceRoot.Create().WithAsset("etc/nv_tegra_release", "nv_tegra_release-r35.txt");
        var commands = new FakeCommandRunner().With("jetson_clocks", "--show", FakeDeviceRoot.Asset(clocksAsset));

        var snapshot = new EnvironmentProbe(root.Files, commands).Snapshot(EnvironmentSnapshot.Before);

        Assert.Equal("R35.4.1", snapshot.Facts["jetson.l4t"]);
        Assert.Equal(state, snapshot.Facts["jetson.clocks"]);
        Assert.Equal(gpuMhz, snapshot.Facts["jetson.gpu_mhz"]);
    }

    [Fact]
    public void Snapshot_NotAJetson_NoJetsonClockFacts()
    {
        using var root = FakeDeviceRoot.Create();
        var commands = new FakeCommandRunner().With("jetson_clocks", "--show", FakeDeviceRoot.Asset("jetson-clocks-show-pinned.txt"));

        var snapshot = new EnvironmentProbe(root.Files, commands).Snapshot(EnvironmentSnapshot.Before);

        Assert.DoesNotContain(snapshot.Facts.Keys, k => k.StartsWith("jetson.", StringComparison.Ordinal));
        Assert.DoesNotContain("jetson_clocks --show", commands.Calls);
    }

    [Fact]
    public void Snapshot_ThisMachine_DoesNotThrow()
    {
        var snapshot = new EnvironmentProbe().Snapshot(EnvironmentSnapshot.Before);

        Assert.Equal("before", snapshot.Phase);
        Assert.NotNull(snapshot.Facts);
    }
}
