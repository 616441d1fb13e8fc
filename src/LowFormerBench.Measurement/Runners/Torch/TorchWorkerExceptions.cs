namespace LowFormerBench.Measurement.Runners.Torch;

/// <summary>
/// The worker process failed (crashed, hung past its deadline, printed something that is not a reply, or could not start).
/// The process is stopped; the next job starts a fresh one. Not a setup error: the same job may succeed on a retry.
/// </summary>
public sealed class TorchWorkerException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The worker ran out of memory (torch's allocator refused, or the address-space limit was hit).</summary>
public sealed class TorchOutOfMemoryException(string message) : Exception(message);

/// <summary>The worker refused the request: a bad field, a runtime its torch lacks, python or torch missing. Permanent here.</summary>
public sealed class TorchRequestException(string message) : MeasurementSetupException(message);

/// <summary>The ONNX graph has an operator the torch importer does not cover; ONNX Runtime can still run the model.</summary>
public sealed class UnsupportedOperatorException(string operatorName, string detail)
    : MeasurementSetupException(
        $"{detail}. The torch runtimes cannot run this model; runtime onnxruntime can (measure it with --runtime onnxruntime, " +
        "or drop the torch runtimes from the suite for this model)")
{
    public string Operator { get; } = operatorName;
}
