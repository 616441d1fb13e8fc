using Microsoft.ML.OnnxRuntime;

namespace LowFormerBench.Measurement.Runners;

/// <summary>
/// Opens an uploaded file with ONNX Runtime's CPU provider before the farm accepts it. The counter reads any
/// well-formed graph, but only ONNX Runtime knows whether its operators, opsets and types load: a file that every
/// agent would fail on is refused once, at upload, with ONNX Runtime's own words, instead of failing N jobs later.
/// </summary>
public static class OnnxRuntimeLoadCheck
{
    /// <exception cref="InvalidDataException">ONNX Runtime could not load the file; the message is its error.</exception>
    public static void Require(string path)
    {
        // No graph optimisation: the question is "does it load", and the optimiser's work would only cost time.
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        try
        {
            using var session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"ONNX Runtime {OrtEnv.Instance().GetVersionString()} cannot load it: {e.Message}", e);
        }
    }
}
