using LowFormerBench.Measurement.Runners;
using Microsoft.ML.OnnxRuntime;

namespace LowFormerBench.Measurement.ExecutionProviders;

/// <summary>
/// An ONNX Runtime execution provider: its name as the native library reports it, the options it
/// takes, and how it is appended to a session. CUDA and TensorRT names stay inside this folder.
/// </summary>
public abstract class ExecutionProvider
{
    /// <summary>The name <c>OrtEnv.GetAvailableProviders()</c> reports, e.g. "CUDAExecutionProvider".</summary>
    public abstract string Name { get; }

    /// <summary>Short names accepted in requests and suite files, e.g. "cuda".</summary>
    public abstract IReadOnlyList<string> Aliases { get; }

    /// <summary>Options of this provider only; <see cref="SessionSettings.Options"/> apply to every provider.</summary>
    public abstract IReadOnlyList<ProviderOption> ProviderOptions { get; }

    /// <summary>What to do when the native library lacks this provider.</summary>
    public abstract string WhenMissing { get; }

    /// <summary>
    /// Shared libraries the packaged GPU build of ONNX Runtime loads for this provider (see <see cref="GpuLibraries"/>); empty
    /// for providers inside libonnxruntime itself.
    /// </summary>
    public virtual IReadOnlyList<GpuLibrary> NativeDependencies => [];

    public IEnumerable<ProviderOption> AllOptions => SessionSettings.Options.Concat(ProviderOptions);

    /// <summary>
    /// Defaults that differ from ONNX Runtime's own for this provider or precision (XNNPACK wants the
    /// session's threads at 1; TensorRT at fp16 turns its fp16 flag on). Explicit options still win.
    /// </summary>
    public virtual IReadOnlyDictionary<string, string> DefaultsFor(string precision) => new Dictionary<string, string>();

    /// <summary>
    /// Whether a model whose input is float32 can run at this precision. TensorRT casts internally
    /// (trt_fp16_enable); CPU and CUDA run the graph's own types, so fp16 needs an fp16 model.
    /// </summary>
    public virtual bool CastsToPrecision => false;

    /// <summary>Checks option combinations the single-option parsers cannot see; returns error messages.</summary>
    public virtual IEnumerable<string> CheckCombination(IReadOnlyDictionary<string, string> effective) => [];

    /// <summary>
    /// Where the runner binds inputs and outputs: null for host memory (the default), or the device memory a
    /// GPU provider's <c>io_binding=device</c> asks for. The caller owns what is returned.
    /// </summary>
    internal virtual IDeviceMemory? OpenDeviceMemory(IReadOnlyDictionary<string, string> effective) => null;

    /// <summary>
    /// The option that turned graph capture on (a CUDA graph), or null when it is off. Replaying a captured graph
    /// reuses the addresses it was captured with, so every output needs a buffer of its own before the first run.
    /// </summary>
    public virtual string? GraphCaptureOption(IReadOnlyDictionary<string, string> effective) => null;

    internal abstract void Append(SessionOptions session, IReadOnlyDictionary<string, string> effective);

    /// <summary>The provider's own keys from the effective options, as ORT's provider-options API expects: harness options left out.</summary>
    internal Dictionary<string, string> OwnOptions(IReadOnlyDictionary<string, string> effective) =>
        ProviderOptions.Where(o => !o.IsHarnessOption && effective.ContainsKey(o.Key)).ToDictionary(o => o.Key, o => effective[o.Key]);
}
