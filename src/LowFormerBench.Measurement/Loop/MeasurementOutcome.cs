using LowFormerBench.Core.Results;
using System.Collections.Immutable;
using EnvironmentFingerprint = LowFormerBench.Core.Devices.EnvironmentFingerprint;
using LowFormerBench.Core.Statistics;
using LowFormerBench.Measurement.Energy;
using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Profiling;
using LowFormerBench.Measurement.Runners;

namespace LowFormerBench.Measurement.Loop;

/// <summary>One measurement, immutable: the request, every sample, its summary and how it was obtained.</summary>
/// <param name="Request">The request as given.</param>
/// <param name="Summary">Statistics over <paramref name="SamplesMs"/>.</param>
/// <param name="SamplesMs">Every timed sample, milliseconds per batch, in the order measured.</param>
/// <param name="WarmupIterations">Untimed iterations before the window (the cold-start run not counted).</param>
/// <param name="Warmup">How warm-up ended.</param>
/// <param name="Stop">How timing ended; <see cref="StopRuleMet"/> says whether the precision target was reached.</param>
/// <param name="ColdStart">Session creation and first inference.</param>
/// <param name="InputShape">Shape fed, e.g. "1x3x224x224".</param>
/// <param name="Provider">Provider and the options actually used.</param>
/// <param name="RuntimeVersion">ONNX Runtime native library version.</param>
/// <param name="TimedWindow">Wall time of the timed loop, start of the first sample to end of the last.</param>
/// <param name="EnvironmentBefore">Device state just before the window, when a probe was given.</param>
/// <param name="EnvironmentAfter">Device state just after it.</param>
public sealed record MeasurementOutcome(
    MeasurementRequest Request,
    SampleSummary Summary,
    ImmutableArray<double> SamplesMs,
    int WarmupIterations,
    WarmupDecision Warmup,
    StopDecision Stop,
    ColdStart ColdStart,
    string InputShape,
    ProviderConfiguration Provider,
    string RuntimeVersion,
    TimeSpan TimedWindow,
    EnvironmentSnapshot? EnvironmentBefore,
    EnvironmentSnapshot? EnvironmentAfter)
{
    /// <summary>What one sample covers, stored with results so numbers from different harnesses are not mixed up.</summary>
    public const string SampleSpan =
        "one RunWithBinding call plus output synchronisation; inputs and outputs in host memory, so GPU copies are included";

    public bool StopRuleMet => Stop.RuleMet;

    /// <summary>Energy over the timed window; null when the device has no sensor (see <see cref="EnergyNote"/>).</summary>
    public EnergyReading? Energy { get; init; }

    /// <summary>Why <see cref="Energy"/> is null ("no power sensor ..."), or empty when it is measured.</summary>
    public string EnergyNote { get; init; } = "no monitor watched the timed window";

    /// <summary>
    /// Joins what a <see cref="WindowMonitor"/> saw in the timed window: its energy, and its facts and throttling into the
    /// "after" snapshot (made if the loop took none), so <see cref="MeasuredWhileThrottled"/> covers the window itself.
    /// </summary>
    public MeasurementOutcome WithWindow(WindowTelemetry? telemetry, IReadOnlyDictionary<string, string>? clockFacts = null)
    {
        if (telemetry is null)
        {
            return this;
        }

        var after = EnvironmentAfter
                    ?? new EnvironmentSnapshot(EnvironmentSnapshot.After, DateTimeOffset.UtcNow, ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal), false);
        var facts = after.Facts.SetItems(telemetry.Facts);
        if (clockFacts is not null)
        {
            facts = facts.SetItems(clockFacts);
        }

        if (telemetry.Throttled)
        {
            var earlier = facts.GetValueOrDefault("throttle.reasons");
            var now = string.Join("; ", telemetry.ThrottleReasons);
            facts = facts.SetItem("throttle.reasons", string.IsNullOrEmpty(earlier) ? now : $"{earlier}; {now}");
        }

        return this with
        {
            EnvironmentAfter = after with { Facts = facts, Throttled = after.Throttled || telemetry.Throttled },
            Energy = telemetry.Energy.Reading,
            EnergyNote = telemetry.Energy.NotMeasuredBecause ?? string.Empty,
        };
    }

    /// <summary>Operator profile from a separate pass, when the request asked for one.</summary>
    public OperatorProfile? Profile { get; init; }

    /// <summary>Images per second: batch / median seconds per inference (the proto's throughput_ips).</summary>
    public double ThroughputIps => Summary.ThroughputPerSecond(Request.Batch);

    /// <summary>
    /// Images per second over the whole timed window, loop overhead included (timm's definition).
    /// Slightly below <see cref="ThroughputIps"/>; a large gap means time went somewhere between samples.
    /// </summary>
    public double WallThroughputIps => TimedWindow > TimeSpan.Zero ? SamplesMs.Length * Request.Batch / TimedWindow.TotalSeconds : 0;

    /// <summary>A result measured while throttled is flagged (ARCHITECTURE.md, measurement protocol).</summary>
    public bool MeasuredWhileThrottled => EnvironmentBefore?.Throttled == true || EnvironmentAfter?.Throttled == true;

    /// <summary>The fingerprint of this result on that device; the power mode is Jetson's nvpmodel mode, else the CPU governor.</summary>
    public EnvironmentFingerprint Fingerprint(ProbedDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var facts = EnvironmentBefore?.Facts ?? ImmutableSortedDictionary<string, string>.Empty;
        var power = facts.GetValueOrDefault("jetson.power_mode") ?? facts.GetValueOrDefault("cpu.governor") ?? string.Empty;
        return new EnvironmentFingerprint(
            device.ComputeDevice, device.GpuDriver, RuntimeVersion, Provider.Name, Provider.Options, Request.Precision, Provider.IntraOpThreads, power);
    }
}
