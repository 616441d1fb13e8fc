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
    string NativeLibrary = "")
{
    /// <summary>What the PyTorch worker reported when the agent started it; null where torch is missing (ONNX Runtime only).</summary>
    public LowFormerBench.Measurement.Runners.Torch.TorchWorkerInfo? Torch { get; init; }

    /// <summary>What executes the graph, for the environment fingerprint: the GPU, the Jetson, or the CPU.</summary>
    public string ComputeDevice => DeviceClass switch
    {
        Classes.Gpu when GpuName.Length > 0 => GpuName,
        Classes.MobileGpu when JetsonModel.Length > 0 => JetsonModel,
        _ => CpuModel,
    };
}
