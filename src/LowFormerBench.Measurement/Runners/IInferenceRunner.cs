using LowFormerBench.Core.Jobs;
using LowFormerBench.Measurement.ExecutionProviders;

namespace LowFormerBench.Measurement.Runners;

/// <summary>
/// A model opened and ready to time: inputs and outputs allocated and bound once, cold start already
/// paid. The seam that lets the loop be tested with a fake that advances a fake clock.
/// </summary>
public interface IInferenceRunner : IDisposable
{
    /// <summary>Shape actually fed, e.g. "1x3x224x224" (for several inputs, "name=shape" pairs joined by ", ").</summary>
    string InputShape { get; }

    ColdStart ColdStart { get; }

    ProviderConfiguration Provider { get; }

    /// <summary>Runtime version behind the timings, e.g. ONNX Runtime's native library version.</summary>
    string RuntimeVersion { get; }

    /// <summary>One inference of one batch; returns when the outputs are in host memory.</summary>
    void Run();
}

/// <summary>Opens runners; the loop calls it once per measurement, in the Prepare step.</summary>
public interface IInferenceRunnerFactory
{
    /// <param name="setup">What to open and how.</param>
    /// <param name="cancellationToken">Also aborts an inference in flight (a 1 s ARM inference should not delay a cancel).</param>
    IInferenceRunner Open(RunnerSetup setup, CancellationToken cancellationToken);
}

/// <summary>Everything a runner needs to open a model.</summary>
/// <param name="ModelPath">ONNX file on local disk.</param>
/// <param name="Batch">Value for a symbolic batch dimension (dimension 0).</param>
/// <param name="Resolution">Value for symbolic H and W of a rank-4 input; 0 keeps the model's fixed size.</param>
/// <param name="Precision">"fp32" or "fp16".</param>
/// <param name="Provider">Validated provider configuration.</param>
/// <param name="Runtime">What executes the graph; ONNX Runtime by default.</param>
public sealed record RunnerSetup(string ModelPath, int Batch, int Resolution, string Precision, ProviderConfiguration Provider, Runtime Runtime = default);

/// <summary>
/// Cold start, reported apart from steady state (Qualcomm AI Hub reports first load and first
/// inference separately; TensorRT builds its engine and cuDNN searches algorithms here).
/// </summary>
/// <param name="SessionCreation">Loading the model and creating the session (graph optimisation, engine build).</param>
/// <param name="FirstInference">The first run after session creation, with its lazy initialisation.</param>
public sealed record ColdStart(TimeSpan SessionCreation, TimeSpan FirstInference);
