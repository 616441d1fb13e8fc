using LowFormerBench.Core.Devices;
using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.Tests.Fakes;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Environment;

public sealed class CapabilityProbeTests
{
    private static readonly string[] CpuOnly = ["CPUExecutionProvider"];

    private static CapabilityProbe Probe(FakeDeviceRoot root, FakeCommandRunner commands) =>
        new(root.Files, commands, () => "1.31.1", () => CpuOnly);

    [Fact]
    public void Probe_RaspberryPi5_CpuClassWithBoardAndMemory()
    {
        using var root = FakeDeviceRoot.RaspberryPi5();

        var device = Probe(root, new FakeCommandRunner()).Probe();

        Assert.Equal(DeviceClass.Cpu, device.DeviceClass);
        Assert.Equal("ARM Cortex-A76", device.CpuModel);
        Assert.Equal(4, device.CpuCores);
        Assert.Equal(8245904L * 1024, device.MemoryBytes);
        Assert.Equal("Raspberry Pi 5 Model B Rev 1.0", device.Board);
        Assert.Equal("Debian GNU/Linux 12 (bookworm)", device.Os);
        Assert.Equal(string.Empty, device.JetsonModel);
        Assert.Equal("1.31.1", device.OnnxRuntimeVersion);
        Assert.Equal(CpuOnly, device.Providers);
        Assert.Equal("ARM Cortex-A76", device.ComputeDevice);
    }

    [Fact]
    public void Probe_X64WithNvidiaSmi_GpuClassNameAndDriver()
    {
        using var root = FakeDeviceRoot.Create()
            .WithAsset("proc/cpuinfo", "cpuinfo-x64-xeon.txt")
            .WithAsset("proc/meminfo", "meminfo-x64.txt");
        var commands = new FakeCommandRunner()
            .With("nvidia-smi", NvidiaSmiParser.IdentityQuery, FakeDeviceRoot.Asset("nvidia-smi-identity-rtx4090.csv"));

        var device = Probe(root, commands).Probe();

        Assert.Equal(DeviceClass.Gpu, device.DeviceClass);
        Assert.Equal("NVIDIA GeForce RTX 4090", device.GpuName);
        Assert.Equal("550.54.14", device.GpuDriver);
        Assert.Equal("NVIDIA GeForce RTX 4090", device.ComputeDevice);
        Assert.Equal(2, device.CpuCores);
    }

    [Fact]
    public void Probe_JetsonEvenWithNvidiaSmi_MobileGpuClass()
    {
        using var root = FakeDeviceRoot.Create()
            .WithAsset("proc/cpuinfo", "cpuinfo-jetson-orin-nano.txt")
            .WithAsset("proc/device-tree/model", "device-tree-model-orin-nano.bin");
        var commands = new FakeCommandRunner().With("nvidia-smi", NvidiaSmiParser.IdentityQuery, "Orin (nvgpu), 540.3.0\n");

        var device = Probe(root, commands).Probe();

        Assert.Equal(DeviceClass.MobileGpu, device.DeviceClass);
        Assert.Equal("NVIDIA Jetson Orin Nano Developer Kit", device.JetsonModel);
        Assert.Equal("NVIDIA Jetson Orin Nano Developer Kit", device.ComputeDevice);
        Assert.Equal("ARM Cortex-A78AE", device.CpuModel);
    }

    [Fact]
    public void Probe_JetsonWithGpuBuild_L4tReleaseAndCudaTensorRtProviders()
    {
        using var root = FakeDeviceRoot.Create()
            .WithAsset("proc/cpuinfo", "cpuinfo-jetson-orin-nano.txt")
            .WithAsset("proc/device-tree/model", "device-tree-model-orin-nano.bin")
            .WithAsset("etc/nv_tegra_release", "nv_tegra_release-r35.txt");
        string[] gpuBuild = ["TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider"];

        var device = new CapabilityProbe(root.Files, new FakeCommandRunner(), () => "1.16.3", () => gpuBuild, () => "/usr/lib/libonnxruntime.so.1.16.3").Probe();

        Assert.Equal(DeviceClass.MobileGpu, device.DeviceClass);
        Assert.Equal("R35.4.1", device.L4tRelease);
        Assert.Equal(gpuBuild, device.Providers);
        Assert.Equal("/usr/lib/libonnxruntime.so.1.16.3", device.NativeLibrary);
    }

    [Fact]
    public void Probe_EmptyRoot_FallsBackWithoutThrowing()
    {
        using var root = FakeDeviceRoot.Create();

        var device = Probe(root, new FakeCommandRunner()).Probe();

        Assert.Equal(DeviceClass.Cpu, device.DeviceClass);
        Assert.Equal(System.Environment.ProcessorCount, device.CpuCores);
        Assert.Equal(0, device.MemoryBytes);
        Assert.False(string.IsNullOrEmpty(device.Os));
        Assert.Contains(device.Arch, new[] { "x64", "arm64" });
    }

    [Fact]
    public void Probe_H200_MemoryComputeCapabilityAndCudaVersionInCapabilitiesAndFingerprintDevice()
    {
        using var root = FakeDeviceRoot.Create()
            .WithAsset("proc/cpuinfo", "cpuinfo-x64-xeon.txt")
            .WithAsset("proc/meminfo", "meminfo-x64.txt");
        var commands = new FakeCommandRunner()
            .With("nvidia-smi", NvidiaSmiParser.DetailQuery, FakeDeviceRoot.Asset("nvidia-smi-details-h200.csv"))
            .With("nvidia-smi", string.Empty, FakeDeviceRoot.Asset("nvidia-smi-header-h200.txt"));

        var device = Probe(root, commands).Probe();

        Assert.Equal(DeviceClass.Gpu, device.DeviceClass);
        Assert.Equal("NVIDIA H200", device.GpuName);
        Assert.Equal("580.95.05", device.GpuDriver);
        Assert.Equal(143771L << 20, device.GpuMemoryBytes);
        Assert.Equal("9.0", device.GpuComputeCapability);
        Assert.Equal("13.0", device.GpuCudaVersion);
        Assert.Equal("NVIDIA H200 (sm 9.0, 143771 MiB, CUDA 13.0)", device.ComputeDevice);
    }

    [Fact]
    public void Probe_OldDriverWithoutComputeCap_FallsBackToNameAndDriver()
    {
        using var root = FakeDeviceRoot.Create().WithAsset("proc/cpuinfo", "cpuinfo-x64-xeon.txt");
        var commands = new FakeCommandRunner()
            .With("nvidia-smi", NvidiaSmiParser.IdentityQuery, FakeDeviceRoot.Asset("nvidia-smi-identity-rtx4090.csv"));

        var device = Probe(root, commands).Probe();

        Assert.Equal("NVIDIA GeForce RTX 4090", device.GpuName);
        Assert.Equal(0, device.GpuMemoryBytes);
        Assert.Equal("NVIDIA GeForce RTX 4090", device.ComputeDevice);
    }
}
