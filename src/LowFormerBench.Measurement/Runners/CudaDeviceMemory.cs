using Microsoft.ML.OnnxRuntime;

namespace LowFormerBench.Measurement.Runners;

/// <summary>
/// GPU memory of one CUDA device: the CUDA provider's device allocator in the session, and the CUDA runtime's
/// <c>cudaMemcpy</c> for the one-time fill of the inputs (and reading outputs back, which the loop never does).
/// </summary>
internal sealed class CudaDeviceMemory : IDeviceMemory
{
    private readonly CudaRuntime runtime;
    private readonly int deviceId;

    private CudaDeviceMemory(CudaRuntime runtime, int deviceId)
    {
        this.runtime = runtime;
        this.deviceId = deviceId;
        Info = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, deviceId, OrtMemType.Default);
    }

    public string Name => $"CUDA device {deviceId}";

    public OrtMemoryInfo Info { get; }

    /// <summary>Loads the CUDA runtime (once per process) before anything else is opened, so a missing one fails first and clearly.</summary>
    public static CudaDeviceMemory Open(int deviceId) => new(CudaRuntime.Shared, deviceId);

    public void CopyToDevice(ReadOnlySpan<byte> host, Span<byte> device)
    {
        runtime.SetDevice(deviceId);
        runtime.Copy(device, host, CudaRuntime.HostToDevice);

        // From pageable host memory cudaMemcpy may return before the DMA lands; the first timed run must see the bytes.
        runtime.Synchronize();
    }

    public void CopyToHost(ReadOnlySpan<byte> device, Span<byte> host)
    {
        runtime.SetDevice(deviceId);
        runtime.Copy(host, device, CudaRuntime.DeviceToHost);
    }

    public void Dispose() => Info.Dispose();
}
