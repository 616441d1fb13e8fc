using LowFormerBench.Core.Devices;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Coordinator.Grpc.Mapping;

internal static class CapabilitiesMapping
{
    public static DeviceCapabilities ToDomain(this Capabilities c) => new(
        c.Arch, c.Os, c.CpuModel, c.CpuCores, c.MemoryBytes, c.OnnxruntimeVersion, [.. c.Providers],
        string.IsNullOrEmpty(c.DeviceClass) ? DeviceClass.Cpu : c.DeviceClass,
        NullIfEmpty(c.GpuName), NullIfEmpty(c.GpuDriver), NullIfEmpty(c.JetsonModel),
        c.Labels.ToDictionary(l => l.Key, l => l.Value), c.AgentVersion, c.Hostname,
        c.GpuMemoryBytes is >= 0 and <= 1L << 50 ? c.GpuMemoryBytes : 0, NullIfEmpty(Bounded(c.GpuCudaVersion)), NullIfEmpty(Bounded(c.GpuComputeCapability)));

    public static Capabilities ToProto(this DeviceCapabilities d)
    {
        var c = new Capabilities
        {
            Arch = d.Arch, Os = d.Os, CpuModel = d.CpuModel, CpuCores = d.CpuCores, MemoryBytes = d.MemoryBytes,
            OnnxruntimeVersion = d.OnnxRuntimeVersion, DeviceClass = d.DeviceClass, GpuName = d.GpuName ?? "",
            GpuDriver = d.GpuDriver ?? "", JetsonModel = d.JetsonModel ?? "", AgentVersion = d.AgentVersion, Hostname = d.Hostname,
            GpuMemoryBytes = d.GpuMemoryBytes, GpuCudaVersion = d.GpuCudaVersion ?? "", GpuComputeCapability = d.GpuComputeCapability ?? "",
        };
        c.Providers.AddRange(d.Providers);
        foreach (var (key, value) in d.Labels)
        {
            c.Labels[key] = value;
        }

        return c;
    }

    // Version-like strings from the agent ("13.0", "9.0"): anything longer than a version is not one.
    private static string Bounded(string value) => value.Length <= 16 ? value : string.Empty;

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
