namespace LowFormerBench.Measurement;

/// <summary>
/// A job cannot be measured as asked (unknown or missing provider, bad option, impossible input
/// shape, invalid request). Thrown before anything is timed; retrying on the same device gives the
/// same answer, so the agent reports it as a permanent failure with this message.
/// </summary>
public abstract class MeasurementSetupException : Exception
{
    protected MeasurementSetupException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>The model's inputs cannot be fed as asked: a fixed dimension disagrees, a symbolic one has no value, or the element type or precision does not fit.</summary>
public sealed class ModelInputException(string message) : MeasurementSetupException(message);

/// <summary>A request with invalid fields; lists every problem at once, each with the field to fix.</summary>
public sealed class MeasurementRequestException(IReadOnlyList<string> errors)
    : MeasurementSetupException($"Invalid measurement request: {string.Join("; ", errors)}.")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// ONNX Runtime cannot load the model file (not ONNX, truncated, an operator or opset this runtime lacks).
/// Permanent on this device: the same file fails the same way on every retry.
/// </summary>
public sealed class ModelLoadException(string path, string runtimeError, Exception? inner = null)
    : MeasurementSetupException(
        $"ONNX Runtime cannot load the model file '{path}': {runtimeError}. " +
        "Check that the file is a complete ONNX model (re-export or re-upload it), or that this ONNX Runtime supports its opset and operators.",
        inner)
{
    public string ModelPath { get; } = path;

    public string RuntimeError { get; } = runtimeError;
}

/// <summary>A profile was asked of a loop that has no profiler (a fake runner, or a runtime without one).</summary>
public sealed class ProfilingUnavailableException()
    : MeasurementSetupException("an operator profile was asked, but this measurement loop has no profiler; measure with ONNX Runtime (OrtOperatorProfiler) or drop the profile request");

/// <summary>
/// Inputs and outputs cannot be bound as asked: no CUDA runtime to copy into GPU memory, an output whose shape is only
/// known after a run while a CUDA graph needs fixed addresses, or a graph capture ORT refused. Says what to change.
/// </summary>
public sealed class DeviceBindingException(string message, Exception? inner = null) : MeasurementSetupException(message, inner);
