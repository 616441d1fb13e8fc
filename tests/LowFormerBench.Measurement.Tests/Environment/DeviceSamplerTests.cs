using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.Tests.Fakes;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Environment;

/// <summary>
/// The sampler against a real child process: a script that prints recorded tegrastats / nvidia-smi lines at an interval
/// and then keeps running, as the tools do until they are stopped.
/// </summary>
public sealed class DeviceSamplerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lfb-sampler-").FullName;

    [Fact]
    public async Task Tegrastats_RecordedOrinLines_MinMeanMaxAndProcessStopped()
    {
        var tool = SampledTool.Tegrastats(TimeSpan.FromMilliseconds(100), FakeTool("tegrastats-orin-agx.txt"));
        await using var sampler = DeviceSampler.Start(tool);
        await WaitForSamples(sampler, 3);

        var summary = await sampler.StopAsync(passiveTripC: 96);

        Assert.Equal(3, summary.Samples);
        Assert.Equal("3", summary.Facts["tegrastats.samples"]);
        Assert.Equal("0", summary.Facts["tegrastats.gpu_load_pct.min"]);
        Assert.Equal("65.33", summary.Facts["tegrastats.gpu_load_pct.mean"]);
        Assert.Equal("99", summary.Facts["tegrastats.gpu_load_pct.max"]);
        Assert.Equal("1300", summary.Facts["tegrastats.gpu_freq_mhz.max"]);
        Assert.Equal("57.59", summary.Facts["tegrastats.temp.tj_c.max"]);
        Assert.Equal("14991", summary.Facts["tegrastats.power.VDD_GPU_SOC_mw.max"]);
        Assert.False(summary.Throttled);
        Assert.Contains("--interval", File.ReadAllText(Path.Combine(_directory, "args")));
        Assert.Contains("100", File.ReadAllText(Path.Combine(_directory, "args")));
    }

    [Fact]
    public async Task Tegrastats_TemperatureAtPassiveTrip_Throttled()
    {
        await using var sampler = DeviceSampler.Start(SampledTool.Tegrastats(TimeSpan.FromMilliseconds(100), FakeTool("tegrastats-orin-agx.txt")));
        await WaitForSamples(sampler, 3);

        var summary = await sampler.StopAsync(passiveTripC: 57);

        Assert.True(summary.Throttled);
        Assert.Contains("tj reached 57.6 C >= passive trip 57 C", summary.Facts["tegrastats.throttling"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NvidiaSmi_ThermalSlowdownInOneSample_Throttled()
    {
        await using var sampler = DeviceSampler.Start(SampledTool.NvidiaSmi(TimeSpan.FromMilliseconds(100), FakeTool("nvidia-smi-sample-rtx4090.csv")));
        await WaitForSamples(sampler, 3);

        var summary = await sampler.StopAsync();

        Assert.True(summary.Throttled);
        Assert.Equal("99", summary.Facts["nvidia-smi.gpu0.load_pct.max"]);
        Assert.Equal("447.9", summary.Facts["nvidia-smi.gpu0.power_w.max"]);
        Assert.Equal("gpu0 clocks_throttle_reasons=0x20", summary.Facts["nvidia-smi.throttling"]);
        Assert.Contains("-lms", File.ReadAllText(Path.Combine(_directory, "args")));
    }

    [Fact]
    public async Task MissingTool_NoSamplesAndTheReasonAsAFact()
    {
        await using var sampler = DeviceSampler.Start(SampledTool.Tegrastats(TimeSpan.FromSeconds(1), Path.Combine(_directory, "no-such-tegrastats")));

        var summary = await sampler.StopAsync();

        Assert.Equal(0, summary.Samples);
        Assert.Contains("could not be started", summary.Facts["tegrastats.error"], StringComparison.Ordinal);
        Assert.False(summary.Throttled);
    }

    [Fact]
    public void For_DeviceClass_PicksTheDevicesTool()
    {
        ProbedDevice Device(string deviceClass) => new("arm64", "L4T", "ARM Cortex-A78AE", 6, 8L << 30, "1.16.3", [], deviceClass, "", "", "", "", "h");

        Assert.Equal("tegrastats", SampledTool.For(Device(Core.Devices.DeviceClass.MobileGpu), TimeSpan.FromSeconds(1))?.Name);
        Assert.Equal("nvidia-smi", SampledTool.For(Device(Core.Devices.DeviceClass.Gpu), TimeSpan.FromSeconds(1))?.Name);
        Assert.Null(SampledTool.For(Device(Core.Devices.DeviceClass.Cpu), TimeSpan.FromSeconds(1)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // A stand-in for the tool: records its arguments, prints the recorded lines 50 ms apart, then waits to be killed.
    private string FakeTool(string asset)
    {
        var lines = Path.Combine(_directory, asset);
        File.WriteAllText(lines, FakeDeviceRoot.Asset(asset));
        var script = Path.Combine(_directory, "fake-tool");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$@\" > '{_directory}/args'\nwhile IFS= read -r line; do echo \"$line\"; sleep 0.05; done < '{lines}'\nexec sleep 600\n");
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("the stand-in tool is a POSIX shell script");
        }
        else
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return script;
    }

    private static async Task WaitForSamples(DeviceSampler sampler, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sampler.Samples < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(count, sampler.Samples);
    }
}
