namespace LowFormerBench.Measurement.ExecutionProviders;

/// <summary>A provider name this library does not know.</summary>
public sealed class UnknownExecutionProviderException(string requested, IEnumerable<string> known)
    : MeasurementSetupException(
        $"Unknown execution provider '{requested}'. Known providers: {string.Join(", ", known)}.")
{
    public string Requested { get; } = requested;
}

/// <summary>A known provider that the loaded ONNX Runtime native library does not have.</summary>
public sealed class ExecutionProviderUnavailableException(string requested, IReadOnlyList<string> available, string advice)
    : MeasurementSetupException(
        $"Execution provider {requested} is not in this ONNX Runtime native library, which has: " +
        $"{string.Join(", ", available)}. {advice}")
{
    public string Requested { get; } = requested;

    public IReadOnlyList<string> Available { get; } = available;
}

/// <summary>A GPU provider in the native library whose driver or CUDA, cuDNN or TensorRT libraries are not on this machine.</summary>
public sealed class GpuLibrariesMissingException(string provider, string message) : MeasurementSetupException(message)
{
    public string Provider { get; } = provider;
}

/// <summary>Every bad provider or session option of one request, reported at once with the key to fix.</summary>
public sealed class ProviderOptionsException(string provider, IReadOnlyList<string> errors)
    : MeasurementSetupException($"Invalid options for {provider}: {string.Join("; ", errors)}.")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>What to tell an operator whose agent lacks a GPU provider; one wording for every message.</summary>
internal static class GpuAdvice
{
    public const string NativeLibrary =
        "The NuGet Microsoft.ML.OnnxRuntime package is a CPU build. Install a GPU build of ONNX Runtime " +
        "(Microsoft.ML.OnnxRuntime.Gpu where your feed has it) with matching CUDA/cuDNN (and TensorRT) libraries, " +
        "and point the agent at that libonnxruntime.so.";
}
