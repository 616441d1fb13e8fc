using LowFormerBench.Measurement.Energy;
using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Measurement.Profiling;
using LowFormerBench.Measurement.Runners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Agent.Jobs;

/// <summary>
/// The measurement library behind the agent's seam: the device probed once (it runs nvidia-smi, so never during a
/// measurement), then one <see cref="MeasurementLoop"/> per job over ONNX Runtime runners, with the environment
/// read before and after the timed window and the device's monitor (tegrastats, nvidia-smi) sampled throughout.
/// </summary>
public sealed class LoopJobMeasurer : IJobMeasurer
{
    private readonly Lazy<ProbedDevice> _capabilities;
    private readonly MeasurementLoop _loop;
    private readonly PairedMeasurement _paired = new(new OnnxRuntimeRunnerFactory(), new EnvironmentProbe());
    private readonly AgentOptions _options;

    public LoopJobMeasurer(IOptions<AgentOptions> options, ILogger<LoopJobMeasurer> logger)
    {
        _options = options.Value;

        // The timed window's monitor (GPU clock, power, throttling; RAPL on x86 where readable): energy per result.
        _loop = new MeasurementLoop(new OnnxRuntimeRunnerFactory(), new EnvironmentProbe(), profiler: new OrtOperatorProfiler(),
            monitors: request => WindowMonitor.For(Capabilities, ProviderCatalog.RunsOnGpu(request.Provider), GpuIndex(request)));
        _capabilities = new Lazy<ProbedDevice>(() =>
        {
            // A GPU build lists CUDA and TensorRT on any machine: advertise one only after a session was created on it.
            var probed = new CapabilityProbe().Probe();
            var (usable, refused) = ProviderSessionCheck.Verify(probed.Providers);
            foreach (var provider in refused)
            {
                AgentLog.ProviderRefused(logger, provider.Name, provider.Reason);
            }

            var device = probed with { Providers = usable };
            AgentLog.DeviceProbed(logger, device.OnnxRuntimeVersion, device.NativeLibrary, string.Join(", ", device.Providers), device.DeviceClass,
                device.Arch, device.CpuModel);
            return device;
        });
    }

    public ProbedDevice Capabilities => _capabilities.Value;

    private static int GpuIndex(MeasurementRequest request) =>
        int.TryParse(request.ProviderOptions?.GetValueOrDefault("device_id"), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0;

    /// <summary>
    /// The sampler spans the whole job (warm-up included) and its summary joins the "after" snapshot, so a result measured
    /// while the board throttled is flagged like one the before/after reads caught.
    /// </summary>
    public Task<MeasurementOutcome> MeasureAsync(MeasurementRequest request, IProgress<MeasurementPhase> progress, CancellationToken cancellationToken) =>
        SampledAsync(() => _loop.MeasureAsync(request, progress, cancellationToken), (outcome, summary) => outcome.WithSampling(summary));

    /// <summary>As <see cref="MeasureAsync"/>, both models in one interleaved window; the sampling joins the candidate's outcome.</summary>
    public Task<PairedOutcome> MeasurePairedAsync(MeasurementRequest request, string referenceModelPath, IProgress<MeasurementPhase> progress,
        CancellationToken cancellationToken) =>
        SampledAsync(() => _paired.MeasureAsync(request, referenceModelPath, progress, cancellationToken),
            (outcome, summary) => outcome with { Candidate = outcome.Candidate.WithSampling(summary) });

    private async Task<T> SampledAsync<T>(Func<Task<T>> measure, Func<T, SamplingSummary, T> join)
    {
        var tool = _options.SamplingIntervalMs > 0 ? SampledTool.For(Capabilities, TimeSpan.FromMilliseconds(_options.SamplingIntervalMs)) : null;
        if (tool is null)
        {
            return await measure();
        }

        await using var sampler = DeviceSampler.Start(tool);
        var outcome = await measure();
        return join(outcome, await sampler.StopAsync(new ThermalProbe(new DeviceFiles()).LowestPassiveTrip()));
    }
}
