using LowFormerBench.Core.Statistics;
using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Runners;

namespace LowFormerBench.Measurement.Loop;

/// <summary>
/// A paired (A/B) measurement: the candidate model and a reference model (the baseline's) opened with the same options
/// on the same device, both warmed, then timed in short alternating blocks A B B A A B ... until the stop rule holds for
/// both or the window ends (each block opens with one untimed inference). Whatever moves the machine during the window
/// (another process, clock changes, heat) moves both sides alike, which is what Chromium's Pinpoint does to compare
/// two builds on a shared device; a comparison of the two sample sets then needs no allowance for run-to-run drift.
/// </summary>
/// <param name="runners">Opens the models (ONNX Runtime, or a fake in tests).</param>
/// <param name="environment">Reads device state before and after the timed window; null skips it.</param>
/// <param name="time">Clock for samples; <see cref="TimeProvider.System"/> reads Stopwatch ticks.</param>
public sealed class PairedMeasurement(IInferenceRunnerFactory runners, IEnvironmentProbe? environment = null, TimeProvider? time = null)
{
    /// <summary>
    /// Length of one block. Short, so that load which comes and goes within a second still lands on both sides; long
    /// enough that switching sessions (cold caches for the other model's weights) is a small part of a block.
    /// </summary>
    public static readonly TimeSpan DefaultBlock = TimeSpan.FromMilliseconds(50);

    private readonly InferenceClock clock = new(time ?? TimeProvider.System);

    /// <summary>Length of one block of consecutive iterations of one side.</summary>
    public TimeSpan Block { get; init; } = DefaultBlock;

    /// <summary>Runs the measurement on a dedicated thread (it is CPU-bound and long).</summary>
    public Task<PairedOutcome> MeasureAsync(MeasurementRequest request, string referenceModelPath, IProgress<MeasurementPhase>? progress = null,
        CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(() => Measure(request, referenceModelPath, progress, cancellationToken), cancellationToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <param name="request">The candidate and how to measure; the reference is measured the same way.</param>
    /// <param name="referenceModelPath">The reference model's ONNX file on local disk.</param>
    /// <param name="progress">Told of each phase as it begins, synchronously on the measuring thread.</param>
    /// <param name="cancellationToken">Checked every iteration and aborts an inference in flight.</param>
    /// <remarks>
    /// The request's time budget is each side's: the window lasts about twice as long as an ordinary measurement's.
    /// An operator profile is not taken in a paired run (<see cref="MeasurementRequest.Profile"/> is refused).
    /// </remarks>
    /// <exception cref="MeasurementSetupException">The request cannot be measured here; thrown before anything is timed.</exception>
    public PairedOutcome Measure(MeasurementRequest request, string referenceModelPath, IProgress<MeasurementPhase>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        progress?.Report(MeasurementPhase.Preparing);
        var reference = request with { ModelPath = referenceModelPath };
        reference.Validate();
        request.Validate();
        if (request.Profile)
        {
            throw new MeasurementRequestException(["an operator profile is not taken in a paired run; profile the model in an ordinary job"]);
        }

        var provider = ProviderCatalog.Configure(request.Provider, request.ProviderOptions, request.Precision);
        using var a = runners.Open(new RunnerSetup(request.ModelPath, request.Batch, request.Resolution, request.Precision, provider, request.Runtime), cancellationToken);
        using var b = runners.Open(new RunnerSetup(referenceModelPath, request.Batch, request.Resolution, request.Precision, provider, request.Runtime), cancellationToken);

        progress?.Report(MeasurementPhase.Warming);
        var warmA = clock.Warm(a, request.WarmupRule, cancellationToken);
        var warmB = clock.Warm(b, request.WarmupRule, cancellationToken);

        var before = environment?.Snapshot(EnvironmentSnapshot.Before);
        progress?.Report(MeasurementPhase.Measuring);
        // The same number of iterations per block on both sides (sized for the slower model), so whatever a switch costs
        // weighs on both alike.
        var perBlock = BlockIterations(Math.Max(Typical(warmA.Samples), Typical(warmB.Samples)));
        var timed = Time(a, b, perBlock, perBlock, request.StopRule, cancellationToken);
        var after = environment?.Snapshot(EnvironmentSnapshot.After);

        var candidate = new MeasurementOutcome(request, SampleSummary.From(timed.A), [.. timed.A], warmA.Samples.Count, warmA.Decision, timed.StopA,
            a.ColdStart, a.InputShape, a.Provider, a.RuntimeVersion, timed.Window, before, after);
        var baseline = new MeasurementOutcome(reference, SampleSummary.From(timed.B), [.. timed.B], warmB.Samples.Count, warmB.Decision, timed.StopB,
            b.ColdStart, b.InputShape, b.Provider, b.RuntimeVersion, timed.Window, before, after);
        progress?.Report(MeasurementPhase.Completed);
        return new PairedOutcome(candidate, baseline, timed.Blocks);
    }

    // Iterations per block from the warm-up's last timings: about one block's length, at least one.
    private int BlockIterations(double typicalMs) =>
        typicalMs <= 0 ? 1 : Math.Clamp((int)(Block.TotalMilliseconds / typicalMs), 1, 10_000);

    private static double Typical(List<double> warmup)
    {
        if (warmup.Count == 0)
        {
            return 0;
        }

        var recent = warmup.Skip(Math.Max(0, warmup.Count - 5)).Order().ToList();
        return recent[recent.Count / 2];
    }

    private TimedPair Time(IInferenceRunner a, IInferenceRunner b, int perBlockA, int perBlockB, StopRule rule, CancellationToken cancellationToken)
    {
        var samplesA = new List<double>();
        var samplesB = new List<double>();
        using var quiet = QuietGcWindow.Enter();
        var start = clock.Now();
        var blocks = 0;
        while (true)
        {
            // A B, then B A: the order within a pair flips, so a steady drift favours neither side.
            var aFirst = blocks / 2 % 2 == 0;
            RunBlock(aFirst ? a : b, aFirst ? perBlockA : perBlockB, aFirst ? samplesA : samplesB, cancellationToken);
            RunBlock(aFirst ? b : a, aFirst ? perBlockB : perBlockA, aFirst ? samplesB : samplesA, cancellationToken);
            blocks += 2;

            // Each side owns half of the window, so each is held to the request's budget for its own time.
            var half = clock.Since(start) / 2;
            var stopA = rule.Evaluate(samplesA, half);
            var stopB = rule.Evaluate(samplesB, half);
            var outOfRoom = stopA.Reason is StopReason.MaxIterations or StopReason.TimeBudget || stopB.Reason is StopReason.MaxIterations or StopReason.TimeBudget;
            if (outOfRoom || (!stopA.RunAnother && !stopB.RunAnother))
            {
                return new TimedPair(samplesA, samplesB, Final(stopA), Final(stopB), clock.Since(start), blocks);
            }
        }
    }

    // The side that was still going when the other ran out ends for the same reason, not "continue".
    private static StopDecision Final(StopDecision decision) =>
        decision.RunAnother ? new StopDecision(false, StopReason.TimeBudget, decision.RelativeHalfWidth) : decision;

    // Each block begins with one untimed inference: right after a switch the other session's intra-op threads may still
    // spin and the caches hold the other model's weights, which would be charged to whichever side has fewer samples per
    // switch. Every timed sample is kept.
    private void RunBlock(IInferenceRunner runner, int iterations, List<double> samples, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        runner.Run();
        var target = samples.Count + iterations;
        while (samples.Count < target)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.TimeBatch(runner, target - samples.Count, samples);
        }
    }

    private sealed record TimedPair(List<double> A, List<double> B, StopDecision StopA, StopDecision StopB, TimeSpan Window, int Blocks);
}

/// <summary>Both sides of a paired measurement, timed in the same window.</summary>
/// <param name="Candidate">The request's own model.</param>
/// <param name="Reference">The reference model, measured the same way in alternating blocks.</param>
/// <param name="Blocks">Blocks timed, both sides together.</param>
public sealed record PairedOutcome(MeasurementOutcome Candidate, MeasurementOutcome Reference, int Blocks);
