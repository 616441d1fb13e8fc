using LowFormerBench.Measurement.Runners.Torch;

namespace LowFormerBench.Measurement.Runners;

/// <summary>Opens each setup in its runtime: ONNX Runtime in process, the torch runtimes in a PyTorch worker.</summary>
public sealed class RuntimeRunnerFactory(IInferenceRunnerFactory onnxRuntime, IInferenceRunnerFactory torch) : IInferenceRunnerFactory
{
    public RuntimeRunnerFactory(TorchWorkerOptions? torch = null)
        : this(new OnnxRuntimeRunnerFactory(), new TorchRunnerFactory(torch))
    {
    }

    public IInferenceRunner Open(RunnerSetup setup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return (setup.Runtime.IsTorch ? torch : onnxRuntime).Open(setup, cancellationToken);
    }
}
