using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Measurement.Profiling;
using LowFormerBench.Measurement.Runners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Agent.Jobs;

/// <summary>
/// The measurement library behind the agent's seam: the device probed once (it runs nvidia-smi, so never during a
/// measurement), then one <see cref="MeasurementLoop"/> per job over ONNX Runtime runners, with the environment
/// read before and after the timed window.
/// </summary>
public sealed class LoopJobMeasurer : IJobMeasurer
{
    private readonly Lazy<ProbedDevice> _capabilities;
    private readonly MeasurementLoop _loop = new(new OnnxRuntimeRunnerFactory(), new EnvironmentProbe(), profiler: new OrtOperatorProfiler());

    public LoopJobMeasurer(IOptions<AgentOptions> options, ILogger<LoopJobMeasurer> logger)
    {
        _capabilities = new Lazy<ProbedDevice>(() => new CapabilityProbe().Probe());
        if (!string.IsNullOrWhiteSpace(options.Value.NativeLibraryPath))
        {
            // The measurement library loads the packaged native library and has no way yet to load another.
            AgentLog.NativeLibraryNotUsed(logger, options.Value.NativeLibraryPath);
        }
    }

    public ProbedDevice Capabilities => _capabilities.Value;

    public Task<MeasurementOutcome> MeasureAsync(MeasurementRequest request, IProgress<MeasurementPhase> progress, CancellationToken cancellationToken) =>
        _loop.MeasureAsync(request, progress, cancellationToken);
}
