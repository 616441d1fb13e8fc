namespace LowFormerBench.Core.Devices;

/// <summary>What a device can do, as its agent probed it.</summary>
/// <param name="GpuMemoryBytes">First GPU's memory, 0 when none or not known.</param>
/// <param name="GpuCudaVersion">CUDA version its driver supports ("13.0"), null when none.</param>
/// <param name="GpuComputeCapability">Its compute capability ("9.0"), null when not known.</param>
public sealed record DeviceCapabilities(
    string Arch,
    string Os,
    string CpuModel,
    int CpuCores,
    long MemoryBytes,
    string OnnxRuntimeVersion,
    IReadOnlyList<string> Providers,
    string DeviceClass,
    string? GpuName,
    string? GpuDriver,
    string? JetsonModel,
    IReadOnlyDictionary<string, string> Labels,
    string AgentVersion,
    string Hostname,
    long GpuMemoryBytes = 0,
    string? GpuCudaVersion = null,
    string? GpuComputeCapability = null);
