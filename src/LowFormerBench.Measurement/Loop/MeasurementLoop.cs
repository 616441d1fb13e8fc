using System.Globalization;
using LowFormerBench.Core.Statistics;
using LowFormerBench.Measurement.Energy;
using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Profiling;
using LowFormerBench.Measurement.Runners;

namespace LowFormerBench.Measurement.Loop;

/// <summary>
/// Prepare, Warm, Measure: the protocol of ARCHITECTURE.md in named steps. One measurement at a time
/// per device; nothing else of ours should run while it times.
/// </summary>
/// <param name="runners">Opens the model (ONNX Runtime, or a fake in tests).</param>
/// <param name="environment">Reads device state before and after the timed window; null skips it.</param>
/// <param name="time">Clock for samples; <see cref="TimeProvider.System"/> reads Stopwatch ticks.</param>
/// <param name="profiler">Takes operator profiles when a request asks; null makes such a request fail before timing.</param>
/// <param name="monitors">The device's monitor for one request (GPU clock, power, throttling in the timed window); null, or a null
/// monitor, measures without one and the result's energy is "not measured".</param>
/// <param name="clockRule">When the GPU clock counts as steady; <see cref="ClockSteadyRule.Default"/> when null.</param>
public sealed class MeasurementLoop(
    IInferenceRunnerFactory runners,
    IEnvironmentProbe? environment = null,
    TimeProvider? time = null,
    IOperatorProfiler? profiler = null,
    Func<MeasurementRequest, WindowMonitor?>? monitors = null,
    ClockSteadyRule? clockRule = null)
{
    private readonly InferenceClock clock = new(time ?? TimeProvider.System);
    private readonly ClockSteadyRule steady = clockRule ?? ClockSteadyRule.Default;

    /// <summary>Runs the measurement on a dedicated thread (it is CPU-bound and long).</summary>
    public Task<MeasurementOutcome> MeasureAsync(
        MeasurementRequest request, IProgress<MeasurementPhase>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(
            () => Measure(request, progress, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <param name="request">What to measure.</param>
    /// <param name="progress">Told of each phase as it begins, synchronously on the measuring thread: keep it cheap.</param>
    /// <param name="cancellationToken">Checked every iteration and aborts an inference in flight.</param>
    /// <exception cref="MeasurementSetupException">The request cannot be measured here; thrown before anything is timed.</exception>
    public MeasurementOutcome Measure(MeasurementRequest request, IProgress<MeasurementPhase>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        progress?.Report(MeasurementPhase.Preparing);
        request.Validate();
        var provider = ProviderCatalog.Configure(request.Provider, request.ProviderOptions, request.Precision);
        var setup = new RunnerSetup(request.ModelPath, request.Batch, request.Resolution, request.Precision, provider);
        if (request.Profile && profiler is null)
        {
            throw new ProfilingUnavailableException();
        }

        using var runner = runners.Open(setup, cancellationToken);
        using var monitor = monitors?.Invoke(request);
        monitor?.Start();

        progress?.Report(MeasurementPhase.Warming);
        var (warmupSamples, warmup) = clock.Warm(runner, request.WarmupRule, cancellationToken);
        var warmupIterations = warmupSamples.Count;
        var clockFacts = monitor is { WatchesClock: true } ? WaitForSteadyClock(runner, monitor, cancellationToken) : null;

        var before = environment?.Snapshot(EnvironmentSnapshot.Before);
        progress?.Report(MeasurementPhase.Measuring);
        var windowStart = monitor?.Mark() ?? TimeSpan.Zero;
        var (samples, stop, window) = Time(runner, request.StopRule, cancellationToken);
        var windowEnd = monitor?.Mark() ?? TimeSpan.Zero;
        var after = environment?.Snapshot(EnvironmentSnapshot.After);
        var telemetry = monitor?.Finish(windowStart, windowEnd, (long)samples.Count * request.Batch);

        var outcome = new MeasurementOutcome(
            request, SampleSummary.From(samples), [.. samples], warmupIterations, warmup, stop, runner.ColdStart,
            runner.InputShape, runner.Provider, runner.RuntimeVersion, window, before, after).WithWindow(telemetry, clockFacts);
        if (request.Profile)
        {
            // After the window and on a session of its own: the profiler's bookkeeping must not touch the timed samples.
            progress?.Report(MeasurementPhase.Profiling);
            outcome = outcome with { Profile = profiler!.Profile(setup, request.ProfileRuns, cancellationToken) };
        }

        progress?.Report(MeasurementPhase.Completed);
        return outcome;
    }

    /// <summary>
    /// Untimed inferences until the monitor's GPU clock is steady (<see cref="ClockSteadyRule"/>): the window must not time the
    /// boost ramp. Returns how the wait ended, as facts of the result.
    /// </summary>
    private Dictionary<string, string> WaitForSteadyClock(IInferenceRunner runner, WindowMonitor monitor, CancellationToken cancellationToken)
    {
        var from = monitor.Now;
        var extra = 0;
        ClockVerdict verdict;
        while ((verdict = steady.Decide(monitor.ClocksSince(from), monitor.Now - from)) == ClockVerdict.Wait)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.TimeOne(runner);
            extra++;
        }

        var waited = (monitor.Now - from).TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["window.sm_clock_steady"] = verdict switch
            {
                ClockVerdict.Steady => "true",
                ClockVerdict.GaveUp => $"false: the clock still moved after {waited} ms; timed anyway",
                _ => "unknown: the monitor read no GPU clock",
            },
            ["window.clock_wait_ms"] = waited,
            ["window.clock_wait_inferences"] = extra.ToString(CultureInfo.InvariantCulture),
        };
    }

    private (List<double> Samples, StopDecision Decision, TimeSpan Window) Time(IInferenceRunner runner, StopRule rule, CancellationToken cancellationToken)
    {
        var samples = new List<double>(Math.Min(rule.MaxIterations, 100_000));

        using var quiet = QuietGcWindow.Enter();
        var start = clock.Now();
        var decision = rule.Evaluate(samples, TimeSpan.Zero);
        while (decision.RunAnother)
        {
            cancellationToken.ThrowIfCancellationRequested();
            samples.Add(clock.TimeOne(runner));
            decision = rule.Evaluate(samples, clock.Since(start));
        }

        return (samples, decision, clock.Since(start));
    }
}

/// <summary>
/// The loop's steps, reported as they begin (the agent forwards them as job progress: "preparing",
/// "warming", "measuring"). Named steps, not one long loop: BenchmarkDotNet's pilot, warm-up, actual.
/// </summary>
public enum MeasurementPhase
{
    /// <summary>Validating, opening the session (cold start), binding inputs and outputs.</summary>
    Preparing,

    /// <summary>Untimed iterations until the warm-up rule sees a steady state.</summary>
    Warming,

    /// <summary>The timed window.</summary>
    Measuring,

    /// <summary>Outcome ready.</summary>
    Completed,

    /// <summary>The separate operator-profiling pass, after the timed window (only when asked).</summary>
    Profiling,
}
