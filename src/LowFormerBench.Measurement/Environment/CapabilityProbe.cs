using System.Runtime.InteropServices;
using LowFormerBench.Core.Devices;
using LowFormerBench.Measurement.ExecutionProviders;

namespace LowFormerBench.Measurement.Environment;

/// <summary>Probes what the device is, once at start-up (it runs nvidia-smi, so never during a measurement).</summary>
public sealed class CapabilityProbe(
    DeviceFiles files,
    ICommandRunner commands,
    Func<string>? runtimeVersion = null,
    Func<IReadOnlyList<string>>? providers = null,
    Func<string>? nativeLibrary = null)
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(10);

    public CapabilityProbe()
        : this(new DeviceFiles(), new ProcessCommandRunner())
    {
    }

    public ProbedDevice Probe()
    {
        var cpu = CpuInfoParser.Parse(files.Read("proc/cpuinfo") ?? string.Empty);
        var deviceTree = BoardParsers.DeviceTreeModel(files.Read("proc/device-tree/model"));
        var jetson = deviceTree.Length > 0 && BoardParsers.IsJetson(deviceTree) ? deviceTree : string.Empty;
        var gpu = NvidiaSmiParser.ParseDetails(commands.TryRun("nvidia-smi", NvidiaSmiParser.DetailQuery, ToolTimeout)).FirstOrDefault()
                  ?? NvidiaSmiParser.ParseIdentities(commands.TryRun("nvidia-smi", NvidiaSmiParser.IdentityQuery, ToolTimeout)).FirstOrDefault();
        var cuda = gpu is null ? string.Empty : NvidiaSmiParser.CudaVersion(commands.TryRun("nvidia-smi", string.Empty, ToolTimeout));

        // A Jetson first: JetPack 6 ships an nvidia-smi that lists the integrated GPU, and it is still a
        // mobile GPU sharing memory with the CPU.
        var deviceClass = jetson.Length > 0 ? DeviceClass.MobileGpu : gpu is not null ? DeviceClass.Gpu : DeviceClass.Cpu;
        var os = BoardParsers.OsPrettyName(files.Read("etc/os-release"));

        return new ProbedDevice(
            Arch: RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            Os: os.Length > 0 ? os : RuntimeInformation.OSDescription,
            CpuModel: cpu.Model,
            CpuCores: cpu.LogicalCores > 0 ? cpu.LogicalCores : System.Environment.ProcessorCount,
            MemoryBytes: MemInfoParser.TotalBytes(files.Read("proc/meminfo") ?? string.Empty),
            OnnxRuntimeVersion: (runtimeVersion ?? (() => OnnxRuntimeInfo.Version))(),
            Providers: (providers ?? (() => OnnxRuntimeInfo.AvailableProviders))(),
            DeviceClass: deviceClass,
            GpuName: gpu?.Name ?? string.Empty,
            GpuDriver: gpu?.Driver ?? string.Empty,
            JetsonModel: jetson,
            Board: deviceTree.Length > 0 ? deviceTree : cpu.Board,
            Hostname: System.Environment.MachineName,
            L4tRelease: BoardParsers.L4tRelease(files.Read("etc/nv_tegra_release")),
            NativeLibrary: (nativeLibrary ?? (() => OnnxRuntimeNativeLibrary.LoadedPath))(),
            GpuMemoryBytes: (gpu?.MemoryMiB ?? 0) << 20,
            GpuCudaVersion: cuda,
            GpuComputeCapability: gpu?.ComputeCapability ?? string.Empty);
    }
}
