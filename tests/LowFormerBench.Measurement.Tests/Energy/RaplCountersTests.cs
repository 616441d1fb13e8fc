using LowFormerBench.Measurement.Energy;
using LowFormerBench.Measurement.Tests.Fakes;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Energy;

public sealed class RaplCountersTests
{
    private const long Range = 262_143_328_850; // max_energy_range_uj of a Xeon package

    private static FakeDeviceRoot WithRapl(FakeDeviceRoot root, int package, long energyUj, long range = Range) =>
        root.WithFile($"sys/class/powercap/intel-rapl:{package}/name", $"package-{package}\n")
            .WithFile($"sys/class/powercap/intel-rapl:{package}/energy_uj", $"{energyUj}\n")
            .WithFile($"sys/class/powercap/intel-rapl:{package}/max_energy_range_uj", $"{range}\n");

    [Fact]
    public void Read_TwoPackagesAndACoreSubzone_AddsThePackagesOnly()
    {
        using var root = FakeDeviceRoot.Create();
        WithRapl(WithRapl(root, 0, 1_000_000), 1, 5_000_000)
            .WithFile("sys/class/powercap/intel-rapl:0:0/name", "core\n")
            .WithFile("sys/class/powercap/intel-rapl:0:0/energy_uj", "700000\n")
            .WithFile("sys/class/powercap/intel-rapl:0:0/max_energy_range_uj", $"{Range}\n");
        var rapl = RaplCounters.Open(root.Files)!;
        Assert.Equal(0, rapl.Read());

        WithRapl(WithRapl(root, 0, 31_000_000), 1, 15_000_000)
            .WithFile("sys/class/powercap/intel-rapl:0:0/energy_uj", "20700000\n");

        Assert.Equal(40, rapl.Read(), 9); // 30 J + 10 J; the core subzone is part of package 0
        Assert.Equal("rapl package-0+package-1", rapl.Source);
    }

    [Fact]
    public void Read_CounterWrapsAtItsRange_CountsAcrossTheWrap()
    {
        using var root = FakeDeviceRoot.Create();
        WithRapl(root, 0, Range - 2_000_000);
        var rapl = RaplCounters.Open(root.Files)!;
        rapl.Read();

        WithRapl(root, 0, 3_000_000);

        Assert.Equal(5, rapl.Read(), 9);
    }

    [Fact]
    public void Open_NoPowercapOrUnreadableCounter_NoSensor()
    {
        using var empty = FakeDeviceRoot.Create();
        using var unreadable = FakeDeviceRoot.Create()
            .WithFile("sys/class/powercap/intel-rapl:0/name", "package-0\n")
            .WithFile("sys/class/powercap/intel-rapl:0/max_energy_range_uj", $"{Range}\n"); // energy_uj missing: as root-only reads look

        Assert.Null(RaplCounters.Open(empty.Files));
        Assert.Null(RaplCounters.Open(unreadable.Files));
    }

    [Fact]
    public void Read_ThisMachinesPowercap_WhenReadable()
    {
        // The real sensor where this host exposes one (the development VM has no /sys/class/powercap).
        var rapl = RaplCounters.Open(new LowFormerBench.Measurement.Environment.DeviceFiles());
        if (rapl is null)
        {
            Assert.Skip("no readable RAPL counters on this machine (/sys/class/powercap)");
        }

        rapl.Read();
        Thread.Sleep(200);
        Assert.True(rapl.Read() >= 0);
    }
}
