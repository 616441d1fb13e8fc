using System.Reflection;
using LowFormerBench.Measurement.Environment;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Agent.Connection;

/// <summary>The device as the measurement library probed it, plus what only the agent knows (labels, its version), as the wire's Hello.</summary>
internal static class CapabilitiesMapping
{
    public static Capabilities ToProto(this ProbedDevice device, AgentOptions options)
    {
        var capabilities = new Capabilities
        {
            Arch = device.Arch,
            Os = device.Os,
            CpuModel = device.CpuModel,
            CpuCores = device.CpuCores,
            MemoryBytes = device.MemoryBytes,
            OnnxruntimeVersion = device.OnnxRuntimeVersion,
            DeviceClass = device.DeviceClass,
            GpuName = device.GpuName,
            GpuDriver = device.GpuDriver,
            JetsonModel = device.JetsonModel,
            AgentVersion = AgentVersion(),
            Hostname = string.IsNullOrEmpty(device.Hostname) ? Environment.MachineName : device.Hostname,
            GpuMemoryBytes = device.GpuMemoryBytes,
            GpuCudaVersion = device.GpuCudaVersion,
            GpuComputeCapability = device.GpuComputeCapability,
        };
        capabilities.Providers.AddRange(device.Providers);

        // The board (a Raspberry Pi names itself in /proc/cpuinfo) has no field of its own; as a label, campaigns can
        // select on it. The operator's labels come last and win: they are how campaigns pick this device on purpose.
        if (device.Board.Length > 0)
        {
            capabilities.Labels["board"] = device.Board;
        }

        if (device.L4tRelease.Length > 0)
        {
            capabilities.Labels["l4t"] = device.L4tRelease;
        }

        foreach (var (key, value) in options.Labels)
        {
            capabilities.Labels[key] = value;
        }

        return capabilities;
    }

    private static string AgentVersion() =>
        typeof(CapabilitiesMapping).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
