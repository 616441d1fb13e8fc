using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.Loop;

namespace LowFormerBench.Agent.Jobs;

/// <summary>
/// The agent's seam onto the measurement library, so the runner, the connection and the cache are tested with a
/// fake and the agent never holds an ONNX Runtime loop of its own. <see cref="LoopJobMeasurer"/> is the real one.
/// </summary>
public interface IJobMeasurer
{
    /// <summary>What this device measures with (Hello.capabilities); probed once, then kept by the implementation.</summary>
    ProbedDevice Capabilities { get; }

    /// <summary>Prepare, Warm, Measure, each phase reported as it begins.</summary>
    /// <exception cref="Measurement.MeasurementSetupException">The request cannot be measured on this device.</exception>
    Task<MeasurementOutcome> MeasureAsync(MeasurementRequest request, IProgress<MeasurementPhase> progress, CancellationToken cancellationToken);

    /// <summary>A paired job: the request's model and the reference model timed in alternating blocks of one window.</summary>
    /// <exception cref="Measurement.MeasurementSetupException">The request cannot be measured on this device.</exception>
    Task<PairedOutcome> MeasurePairedAsync(MeasurementRequest request, string referenceModelPath, IProgress<MeasurementPhase> progress,
        CancellationToken cancellationToken);
}
