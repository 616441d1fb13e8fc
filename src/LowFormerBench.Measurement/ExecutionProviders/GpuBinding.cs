using System.Globalization;
using LowFormerBench.Measurement.Runners;

namespace LowFormerBench.Measurement.ExecutionProviders;

/// <summary>
/// The <c>io_binding</c> harness option of the GPU providers: where the runner keeps inputs and outputs. In device
/// memory (the default) a sample is steady-state GPU compute, what published GPU throughput means; in host memory each
/// sample also copies the inputs in and the outputs out (trtexec's "host latency"). CUDA graphs need device memory.
/// </summary>
internal static class GpuBinding
{
    public const string Key = "io_binding";
    public const string Device = "device";
    public const string Host = "host";

    public static ProviderOption Option { get; } = ProviderOption.Choice(Key, [Device, Host], Device,
        "where inputs and outputs live: device (GPU memory, filled once; samples are GPU compute) or host (each sample copies them in and out)")
        .AsHarnessOption();

    public static bool BindsDevice(IReadOnlyDictionary<string, string> effective) => effective.GetValueOrDefault(Key, Device) == Device;

    /// <summary>Graph capture replays fixed device addresses, so it cannot work over host memory.</summary>
    public static IEnumerable<string> CheckGraphCapture(IReadOnlyDictionary<string, string> effective, string graphKey)
    {
        if (effective.GetValueOrDefault(graphKey) == "1" && !BindsDevice(effective))
        {
            yield return $"{graphKey}=1 needs inputs and outputs bound in GPU memory, but {Key}={Host} copies them from and to host memory " +
                         $"in every inference, so ONNX Runtime cannot capture a CUDA graph; set {Key}={Device} or {graphKey}=0";
        }
    }

    public static IDeviceMemory? OpenDeviceMemory(IReadOnlyDictionary<string, string> effective, string deviceIdKey) =>
        BindsDevice(effective)
            ? CudaDeviceMemory.Open(int.Parse(effective[deviceIdKey], CultureInfo.InvariantCulture))
            : null;
}
