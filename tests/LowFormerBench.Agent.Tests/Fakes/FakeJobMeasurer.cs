using System.Collections.Concurrent;
using LowFormerBench.Core.Devices;
using System.Collections.Immutable;
using LowFormerBench.Agent.Jobs;
using LowFormerBench.Core.Statistics;
using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Measurement.Runners;

namespace LowFormerBench.Agent.Tests.Fakes;

/// <summary>
/// A measurer with canned numbers that reports the loop's phases and records each request. It can fail while
/// preparing, or hold the timed window open until released or cancelled (for cancel and drain tests).
/// </summary>
public sealed class FakeJobMeasurer : IJobMeasurer
{
    public static readonly ImmutableArray<double> Samples = [2.2, 2.5, 2.6, 3.2];

    public ProbedDevice Capabilities { get; init; } = new(
        "x64", "Test OS", "Test CPU", 4, 8L << 30, "1.31.1", [CpuProvider.ProviderName], DeviceClass.Cpu, "", "", "", "", "test-host");

    public ConcurrentQueue<MeasurementPhase> Phases { get; } = new();

    public ConcurrentQueue<MeasurementRequest> Requests { get; } = new();

    /// <summary>Thrown once the Preparing phase began, as ONNX Runtime throws for a graph it cannot open.</summary>
    public Exception? PrepareError { get; set; }

    /// <summary>Thrown in the timed window, as a device error (a lost GPU) would be.</summary>
    public Exception? MeasureError { get; set; }

    /// <summary>When set, the timed window lasts until this completes (or the job is cancelled).</summary>
    public TaskCompletionSource? HoldMeasurement { get; set; }

    public TaskCompletionSource MeasurementStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<MeasurementOutcome> MeasureAsync(MeasurementRequest request, IProgress<MeasurementPhase> progress, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        Enter(MeasurementPhase.Preparing, progress);
        if (PrepareError is { } error)
        {
            throw error;
        }

        Enter(MeasurementPhase.Warming, progress);
        Enter(MeasurementPhase.Measuring, progress);
        MeasurementStarted.TrySetResult();
        if (HoldMeasurement is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        if (MeasureError is { } deviceError)
        {
            throw deviceError;
        }

        Enter(MeasurementPhase.Completed, progress);
        return Outcome(request);
    }

    /// <summary>Reference samples a paired job reports (the candidate's are <see cref="Samples"/>).</summary>
    public static readonly ImmutableArray<double> ReferenceSamples = [2.0, 2.1, 2.3];

    /// <summary>Reference model paths paired jobs were measured with, in order.</summary>
    public ConcurrentQueue<string> ReferencePaths { get; } = new();

    public async Task<PairedOutcome> MeasurePairedAsync(MeasurementRequest request, string referenceModelPath, IProgress<MeasurementPhase> progress,
        CancellationToken cancellationToken)
    {
        ReferencePaths.Enqueue(referenceModelPath);
        var candidate = await MeasureAsync(request, progress, cancellationToken);
        var reference = Outcome(request with { ModelPath = referenceModelPath }) is var r
            ? r with { SamplesMs = ReferenceSamples, Summary = SampleSummary.From(ReferenceSamples) }
            : null!;
        return new PairedOutcome(candidate, reference, 2);
    }

    public static MeasurementOutcome Outcome(MeasurementRequest request)
    {
        var provider = ProviderCatalog.Configure(request.Provider, request.ProviderOptions, request.Precision);
        var facts = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("cpu.governor", "performance")]);
        return new MeasurementOutcome(
            request, SampleSummary.From(Samples), Samples, 3, new WarmupDecision(false, WarmupReason.Stable, 0.01),
            new StopDecision(false, StopReason.PrecisionReached, 0.005), new ColdStart(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(9)),
            "1x3x224x224", provider, "1.31.1", TimeSpan.FromMilliseconds(10.5),
            new EnvironmentSnapshot(EnvironmentSnapshot.Before, DateTimeOffset.UnixEpoch, facts, false),
            new EnvironmentSnapshot(EnvironmentSnapshot.After, DateTimeOffset.UnixEpoch, facts, true));
    }

    private void Enter(MeasurementPhase phase, IProgress<MeasurementPhase> progress)
    {
        Phases.Enqueue(phase);
        progress.Report(phase);
    }
}
