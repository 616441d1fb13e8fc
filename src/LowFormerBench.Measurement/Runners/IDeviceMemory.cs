using Microsoft.ML.OnnxRuntime;

namespace LowFormerBench.Measurement.Runners;

/// <summary>
/// Memory of the device a provider computes on, as the runner binds it: which of the session's allocators to allocate
/// inputs and outputs with, and how bytes cross between it and host memory. CUDA's is the real use; the CPU's lets the
/// whole device-binding path run where there is no GPU.
/// </summary>
internal interface IDeviceMemory : IDisposable
{
    /// <summary>For messages, e.g. "CUDA device 0".</summary>
    string Name { get; }

    /// <summary>Names the session allocator (ORT's "Cuda" device allocator) that inputs and outputs are allocated with.</summary>
    OrtMemoryInfo Info { get; }

    /// <summary>Copies host bytes into a device buffer; the copy is complete when this returns.</summary>
    /// <param name="host">Host bytes.</param>
    /// <param name="device">A tensor's buffer in this memory (managed code never touches it).</param>
    void CopyToDevice(ReadOnlySpan<byte> host, Span<byte> device);

    /// <summary>Copies a device buffer back to host bytes; the copy is complete when this returns.</summary>
    void CopyToHost(ReadOnlySpan<byte> device, Span<byte> host);
}
