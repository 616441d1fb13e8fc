using Classes = LowFormerBench.Core.Devices.DeviceClass;

namespace LowFormerBench.Measurement.Environment;

/// <summary>
/// What the probe read about a device, once at agent start-up; the agent adds its labels and version and maps it to the proto
/// <c>Capabilities</c> at its edge, and the scheduler places jobs by it.
/// </summary>
/// <param name="Arch">"x64" or "arm64".</param>
/// <param name="Os">os-release PRETTY_NAME, or the runtime's OS description.</param>
/// <param name="CpuModel">From /proc/cpuinfo, e.g. "ARM Cortex-A76".</param>
/// <param name="CpuCores">Logical cores.</param>
/// <param name="MemoryBytes">Physical memory.</param>
/// <param name="OnnxRuntimeVersion">Native library version.</param>
/// <param name="Providers">Execution providers compiled into that library.</param>
/// <param name="DeviceClass">"gpu", "mobile-gpu" or "cpu".</param>
/// <param name="GpuName">First GPU's name from nvidia-smi, or empty.</param>
/// <param name="GpuDriver">Its driver version, or empty.</param>
/// <param name="JetsonModel">Device-tree model on a Jetson, or empty.</param>
/// <param name="Board">Board model from the device tree or /proc/cpuinfo (a Raspberry Pi names itself there), or empty.</param>
/// <param name="Hostname">Host name.</param>
/// <param name="L4tRelease">Jetson Linux release from /etc/nv_tegra_release ("R36.3.0"), or empty.</param>
/// <param name="NativeLibrary">The libonnxruntime file the process loaded, or empty when not known.</param>
/// <param name="GpuMemoryBytes">First GPU's memory (nvidia-smi memory.total), 0 when none.</param>
/// <param name="GpuCudaVersion">CUDA version its driver supports ("13.0"), empty when none.</param>
/// <param name="GpuComputeCapability">Its compute capability ("9.0"), empty when unknown.</param>
public sealed record ProbedDevice(
    string Arch,
    string Os,
    string CpuModel,
    int CpuCores,
    long MemoryBytes,
    string OnnxRuntimeVersion,
    IReadOnlyList<string> Providers,
    string DeviceClass,
    string GpuName,
    string GpuDriver,
    string JetsonModel,
    string Board,
    string Hostname,
    string L4tRelease = "",
    string NativeLibrary = "",
    long GpuMemoryBytes = 0,
    string GpuCudaVersion = "",
    string GpuComputeCapability = "")
{
    /// <summary>
    /// What executes the graph, for the environment fingerprint: the GPU (with its compute capability, memory and CUDA version where
    /// known, so two boards of one name with different memory or drivers never share a series), the Jetson, or the CPU.
    /// </summary>
    public string ComputeDevice => DeviceClass switch
    {
        Classes.Gpu when GpuName.Length > 0 => GpuName + GpuDetails,
        Classes.MobileGpu when JetsonModel.Length > 0 => JetsonModel,
        _ => CpuModel,
    };

    private string GpuDetails
    {
        get
        {
            string[] parts =
            [
                GpuComputeCapability.Length > 0 ? $"sm {GpuComputeCapability}" : "",
                GpuMemoryBytes > 0 ? $"{GpuMemoryBytes >> 20} MiB" : "",
                GpuCudaVersion.Length > 0 ? $"CUDA {GpuCudaVersion}" : "",
            ];
            var known = parts.Where(p => p.Length > 0).ToList();
            return known.Count == 0 ? string.Empty : $" ({string.Join(", ", known)})";
        }
    }
}
