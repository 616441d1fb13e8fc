using LowFormerBench.Measurement.Runners;
using Microsoft.ML.OnnxRuntime;

namespace LowFormerBench.Measurement.ExecutionProviders;

/// <summary>NVIDIA CUDA (cuDNN) provider, present only in GPU builds of the native library.</summary>
public sealed class CudaProvider : ExecutionProvider
{
    public const string ProviderName = "CUDAExecutionProvider";
    public const string DeviceId = "device_id";
    public const string ConvAlgoSearch = "cudnn_conv_algo_search";
    public const string CudaGraph = "enable_cuda_graph";
    public const string IoBinding = GpuBinding.Key;

    public override string Name => ProviderName;

    public override IReadOnlyList<string> Aliases { get; } = ["cuda"];

    public override IReadOnlyList<ProviderOption> ProviderOptions { get; } =
    [
        ProviderOption.Integer(DeviceId, 0, 63, "0", "GPU ordinal"),

        // EXHAUSTIVE benchmarks every cuDNN algorithm on first run (slow cold start, fastest steady state);
        // it is ORT's default and what published GPU numbers assume.
        ProviderOption.Choice(ConvAlgoSearch, ["EXHAUSTIVE", "HEURISTIC", "DEFAULT"], "EXHAUSTIVE", "how cuDNN picks convolution algorithms"),
        ProviderOption.Flag(CudaGraph, "0", "capture the graph once and replay it (needs io_binding=device, outputs of known shape, every node on the GPU)"),
        GpuBinding.Option,
    ];

    public override string WhenMissing => GpuAdvice.NativeLibrary;

    public override IReadOnlyList<GpuLibrary> NativeDependencies => GpuLibraries.ForCuda;

    public override IEnumerable<string> CheckCombination(IReadOnlyDictionary<string, string> effective) =>
        GpuBinding.CheckGraphCapture(effective, CudaGraph);

    public override string? GraphCaptureOption(IReadOnlyDictionary<string, string> effective) =>
        effective.GetValueOrDefault(CudaGraph) == "1" ? CudaGraph : null;

    internal override IDeviceMemory? OpenDeviceMemory(IReadOnlyDictionary<string, string> effective) =>
        GpuBinding.OpenDeviceMemory(effective, DeviceId);

    internal override void Append(SessionOptions session, IReadOnlyDictionary<string, string> effective)
    {
        using var options = new OrtCUDAProviderOptions();
        options.UpdateOptions(OwnOptions(effective));
        session.AppendExecutionProvider_CUDA(options);
    }
}
