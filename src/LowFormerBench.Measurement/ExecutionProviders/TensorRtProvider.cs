using LowFormerBench.Measurement.Runners;
using Microsoft.ML.OnnxRuntime;

namespace LowFormerBench.Measurement.ExecutionProviders;

/// <summary>NVIDIA TensorRT provider (with CUDA as the fallback for nodes TensorRT does not take).</summary>
public sealed class TensorRtProvider : ExecutionProvider
{
    public const string ProviderName = "TensorrtExecutionProvider";
    public const string DeviceId = "device_id";
    public const string Fp16 = "trt_fp16_enable";
    public const string EngineCache = "trt_engine_cache_enable";
    public const string EngineCachePath = "trt_engine_cache_path";
    public const string Workspace = "trt_max_workspace_size";
    public const string CudaGraph = "trt_cuda_graph_enable";
    public const string IoBinding = GpuBinding.Key;

    public override string Name => ProviderName;

    public override IReadOnlyList<string> Aliases { get; } = ["tensorrt", "trt"];

    public override IReadOnlyList<ProviderOption> ProviderOptions { get; } =
    [
        ProviderOption.Integer(DeviceId, 0, 63, "0", "GPU ordinal"),
        ProviderOption.Flag(Fp16, "0", "let TensorRT run layers in fp16 (on by default when the job's precision is fp16)"),

        // The engine build happens at session creation and takes minutes on a Jetson; caching it makes
        // the reported cold start the cached one, so the flag is part of the recorded options.
        ProviderOption.Flag(EngineCache, "0", "reuse built engines across sessions"),
        ProviderOption.Text(EngineCachePath, "directory for cached engines"),
        ProviderOption.Integer(Workspace, 1 << 20, 1L << 40, null, "largest scratch memory TensorRT may use, bytes"),
        ProviderOption.Flag(CudaGraph, "0", "capture the engine's launches as a CUDA graph and replay it (needs io_binding=device, outputs of known shape, every node on the GPU)"),
        GpuBinding.Option,
    ];

    public override IReadOnlyList<GpuLibrary> NativeDependencies => GpuLibraries.ForTensorRt;

    public override string WhenMissing => GpuAdvice.NativeLibrary + " On a Jetson, JetPack's ONNX Runtime build has TensorRT.";

    public override bool CastsToPrecision => true;

    public override IReadOnlyDictionary<string, string> DefaultsFor(string precision) =>
        precision == "fp16" ? new Dictionary<string, string> { [Fp16] = "1" } : new Dictionary<string, string>();

    public override IEnumerable<string> CheckCombination(IReadOnlyDictionary<string, string> effective)
    {
        if (effective.ContainsKey(EngineCachePath) && effective.GetValueOrDefault(EngineCache) != "1")
        {
            yield return $"{EngineCachePath} is set but {EngineCache} is 0; set {EngineCache}=1 or drop the path";
        }

        foreach (var error in GpuBinding.CheckGraphCapture(effective, CudaGraph))
        {
            yield return error;
        }
    }

    public override string? GraphCaptureOption(IReadOnlyDictionary<string, string> effective) =>
        effective.GetValueOrDefault(CudaGraph) == "1" ? CudaGraph : null;

    internal override IDeviceMemory? OpenDeviceMemory(IReadOnlyDictionary<string, string> effective) =>
        GpuBinding.OpenDeviceMemory(effective, DeviceId);

    internal override void Append(SessionOptions session, IReadOnlyDictionary<string, string> effective)
    {
        using var options = new OrtTensorRTProviderOptions();
        options.UpdateOptions(OwnOptions(effective));
        session.AppendExecutionProvider_Tensorrt(options);

        // ORT assigns nodes to providers in the order they were appended: what TensorRT rejects goes to
        // CUDA on the same GPU rather than to the CPU, which would dominate the timing.
        using var cuda = new OrtCUDAProviderOptions();
        cuda.UpdateOptions(new Dictionary<string, string> { [CudaProvider.DeviceId] = effective[DeviceId] });
        session.AppendExecutionProvider_CUDA(cuda);
    }
}
