using LowFormerBench.Measurement.Runners;
using Microsoft.ML.OnnxRuntime;

namespace LowFormerBench.Measurement.Tests.Fakes;

/// <summary>
/// The CPU as the "device": the session's CPU allocator and a plain copy. The device-binding path (allocate with the
/// session's allocator, fill once, bind, run, read back) is the same code as on a GPU, so this runs it where no GPU is.
/// </summary>
internal sealed class CpuDeviceMemory : IDeviceMemory
{
    public string Name => "CPU memory";

    public OrtMemoryInfo Info { get; } = new(OrtMemoryInfo.allocatorCPU, OrtAllocatorType.DeviceAllocator, 0, OrtMemType.Default);

    public void CopyToDevice(ReadOnlySpan<byte> host, Span<byte> device) => host.CopyTo(device);

    public void CopyToHost(ReadOnlySpan<byte> device, Span<byte> host) => device.CopyTo(host);

    public void Dispose() => Info.Dispose();
}
