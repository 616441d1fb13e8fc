using System.Globalization;
using LowFormerBench.Core.Results;
using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Protos.V1;
using WireSnapshot = LowFormerBench.Protos.V1.EnvironmentSnapshot;

namespace LowFormerBench.Agent.Jobs;

/// <summary>The measurement library's outcome as the wire's <see cref="JobResult"/>: the one place the two meet.</summary>
internal static class ResultMapping
{
    public static JobResult ToResult(this MeasurementOutcome outcome, JobAssignment job, bool modelFromCache, ProbedDevice device)
    {
        var s = outcome.Summary;
        var fingerprint = outcome.Fingerprint(device);
        var result = new JobResult
        {
            JobId = job.JobId,
            Attempt = job.Attempt,
            Summary = new MeasurementSummary
            {
                P50Ms = s.MedianMs, P90Ms = s.P90Ms, P99Ms = s.P99Ms, MeanMs = s.MeanMs, StddevMs = s.StdDevMs, MinMs = s.MinMs, MaxMs = s.MaxMs,
                MedianCiLowMs = s.MedianCi.LowerMs, MedianCiHighMs = s.MedianCi.UpperMs, Samples = s.Count, ThroughputIps = outcome.ThroughputIps,
                WarmupIterations = outcome.WarmupIterations, StopRuleMet = outcome.StopRuleMet, Outliers = s.Outliers,
                SessionCreateMs = outcome.ColdStart.SessionCreation.TotalMilliseconds,
                FirstInferenceMs = outcome.ColdStart.FirstInference.TotalMilliseconds,
                P99TailSamples = s.TailSamples(0.99),
                P99Supported = s.SupportsPercentile(0.99),
            },
            ModelFromCache = modelFromCache,
            EnvironmentFingerprint = fingerprint.Hash,
            InputShape = outcome.InputShape,
        };
        if (outcome.Energy is { } energy)
        {
            result.Summary.MeanPowerW = energy.MeanPowerW;
            result.Summary.EnergyPerImageJ = energy.JoulesPerImage;
            result.Summary.EnergySource = energy.Source;
        }
        else
        {
            result.Summary.EnergyNotMeasured = outcome.EnergyNote.Length > 0 ? outcome.EnergyNote : EnergyReading.NotMeasured;
        }

        result.SamplesMs.AddRange(outcome.SamplesMs);
        if (outcome.Profile is { } profile)
        {
            result.OperatorProfileJson = OperatorProfileJson.Serialize(profile);
        }

        var before = outcome.EnvironmentBefore?.ToProto() ?? new WireSnapshot { Phase = Measurement.Environment.EnvironmentSnapshot.Before };
        AddHowMeasured(before, outcome, fingerprint.Canonical);
        result.Environment.Add(before);
        if (outcome.EnvironmentAfter is { } after)
        {
            result.Environment.Add(after.ToProto());
        }

        return result;
    }

    private static WireSnapshot ToProto(this Measurement.Environment.EnvironmentSnapshot snapshot)
    {
        var wire = new WireSnapshot { Phase = snapshot.Phase, Throttled = snapshot.Throttled };
        wire.Facts.Add(snapshot.Facts);
        return wire;
    }

    // The provider options actually used (defaults written out) and how the loop ended, so a stored result says
    // exactly how it was measured; the fingerprint itself travels only as its hash.
    private static void AddHowMeasured(WireSnapshot before, MeasurementOutcome outcome, string canonicalFingerprint)
    {
        before.Facts["ort.version"] = outcome.RuntimeVersion;
        before.Facts["ort.provider"] = outcome.Provider.Name;
        before.Facts["ort.native_library"] = OnnxRuntimeNativeLibrary.LoadedPath;
        foreach (var (key, value) in outcome.Provider.Options)
        {
            before.Facts[$"ort.option.{key}"] = value;
        }

        before.Facts["measure.sample_span"] = MeasurementOutcome.SampleSpan;
        before.Facts["measure.stop_reason"] = outcome.Stop.Reason.ToString();
        before.Facts["measure.warmup_reason"] = outcome.Warmup.Reason.ToString();
        before.Facts["measure.timed_window_ms"] = outcome.TimedWindow.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
        before.Facts["fingerprint"] = canonicalFingerprint;
    }
}
