using System.Globalization;
using LowFormerBench.Core.Models;
using LowFormerBench.Core.Statistics;

namespace LowFormerBench.Core.Results;

/// <summary>
/// Checks a reported result before anything of it is kept: every number finite and in range, samples within the limit,
/// the operator profile readable. The samples are the measurement; the stored summary is recomputed from them with the
/// same statistics the agent uses (<see cref="SampleSummary"/>), so a summary that contradicts its samples cannot be stored.
/// Pure: the gateway calls it on arrival and refuses the attempt with every reason at once.
/// </summary>
public static class ResultCheck
{
    /// <returns>The report as it may be stored (summary from its samples, profile re-serialised), or the reasons it is refused.</returns>
    public static (MeasurementReport? Report, IReadOnlyList<string> Errors) Verify(MeasurementReport report, ResultLimits limits)
    {
        var errors = new List<string>();
        CheckSamples("samples_ms", report.SamplesMs, limits, errors);
        var s = report.Summary;
        if (s.Samples != report.SamplesMs.Count)
        {
            errors.Add($"the summary counts {s.Samples} samples but {report.SamplesMs.Count} were sent");
        }

        foreach (var (name, value) in new[]
                 {
                     ("p50_ms", s.P50Ms), ("p90_ms", s.P90Ms), ("p99_ms", s.P99Ms), ("mean_ms", s.MeanMs), ("min_ms", s.MinMs), ("max_ms", s.MaxMs),
                     ("median_ci_low_ms", s.MedianCiLowMs), ("median_ci_high_ms", s.MedianCiHighMs),
                 })
        {
            CheckNumber(name, value, 0, ResultLimits.MaxSampleMs, errors);
        }

        CheckNumber("stddev_ms", s.StddevMs, 0, ResultLimits.MaxSampleMs, errors);
        CheckNumber("throughput_ips", s.ThroughputIps, 0, double.MaxValue, errors);
        CheckNumber("session_create_ms", s.SessionCreateMs, 0, ResultLimits.MaxColdStartMs, errors);
        CheckNumber("first_inference_ms", s.FirstInferenceMs, 0, ResultLimits.MaxColdStartMs, errors);
        if (s.WarmupIterations < 0 || s.Outliers < 0)
        {
            errors.Add($"warmup_iterations ({s.WarmupIterations}) and outliers ({s.Outliers}) must not be negative");
        }

        if (report.Reference is { } reference)
        {
            if (!ModelDigest.TryParse(reference.ModelSha256, out _))
            {
                errors.Add($"reference_model_sha256: {ModelDigest.Describe(reference.ModelSha256)}");
            }

            CheckSamples("reference_samples_ms", reference.SamplesMs, limits, errors);
        }

        CheckText("environment_fingerprint", report.EnvironmentFingerprint, errors);
        CheckText("input_shape", report.InputShape, errors);
        CheckEnvironment(report.Environment, errors);
        var profile = CheckProfile(report.OperatorProfileJson, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var computed = SampleSummary.From(report.SamplesMs);
        var summary = s with
        {
            P50Ms = computed.MedianMs, P90Ms = computed.P90Ms, P99Ms = computed.P99Ms, MeanMs = computed.MeanMs, StddevMs = computed.StdDevMs,
            MinMs = computed.MinMs, MaxMs = computed.MaxMs, MedianCiLowMs = computed.MedianCi.LowerMs, MedianCiHighMs = computed.MedianCi.UpperMs,
            Samples = computed.Count, Outliers = computed.Outliers,
        };
        return (report with { Summary = summary, OperatorProfileJson = profile }, []);
    }

    /// <summary>Images per second at <paramref name="batch"/> from the median, as the agent's loop computes it.</summary>
    public static double Throughput(double p50Ms, int batch) => p50Ms > 0 ? batch / (p50Ms / 1000.0) : 0;

    private static void CheckSamples(string field, IReadOnlyList<double> samples, ResultLimits limits, List<string> errors)
    {
        if (samples.Count == 0)
        {
            errors.Add($"{field} is empty: a result carries every timed sample");
            return;
        }

        if (samples.Count > limits.MaxSamples)
        {
            errors.Add($"{field} has {samples.Count:N0} samples, more than this coordinator keeps per result ({limits.MaxSamples:N0}, " +
                       "Coordinator:MaxSamplesPerResult): lower the suite's budget.max_iterations");
            return;
        }

        var bad = 0;
        var first = -1;
        for (var i = 0; i < samples.Count; i++)
        {
            if (!double.IsFinite(samples[i]) || samples[i] <= 0 || samples[i] > ResultLimits.MaxSampleMs)
            {
                bad++;
                first = first < 0 ? i : first;
            }
        }

        if (bad > 0)
        {
            errors.Add($"{field}: {bad} of {samples.Count} samples are not times in (0, {ResultLimits.MaxSampleMs:0} ms] " +
                       $"(the first is [{first}] = {Show(samples[first])})");
        }
    }

    private static void CheckNumber(string field, double value, double min, double max, List<string> errors)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            errors.Add($"{field} is {Show(value)}: it must be a finite number from {Show(min)} to {Show(max)}");
        }
    }

    private static void CheckText(string field, string? value, List<string> errors)
    {
        if (value is { Length: > ResultLimits.MaxTextLength })
        {
            errors.Add($"{field} is {value.Length:N0} characters long; at most {ResultLimits.MaxTextLength} are kept");
        }
    }

    private static void CheckEnvironment(IReadOnlyList<EnvironmentRecord> environment, List<string> errors)
    {
        if (environment.Count > ResultLimits.MaxEnvironmentSnapshots)
        {
            errors.Add($"{environment.Count} environment snapshots; at most {ResultLimits.MaxEnvironmentSnapshots} (before and after) are kept");
            return;
        }

        foreach (var snapshot in environment)
        {
            CheckText("environment.phase", snapshot.Phase, errors);
            if (snapshot.Facts.Count > ResultLimits.MaxFactsPerSnapshot)
            {
                errors.Add($"environment '{snapshot.Phase}' has {snapshot.Facts.Count:N0} facts; at most {ResultLimits.MaxFactsPerSnapshot} are kept");
                continue;
            }

            foreach (var (key, value) in snapshot.Facts.Where(f => f.Key.Length > ResultLimits.MaxTextLength || f.Value.Length > ResultLimits.MaxTextLength).Take(1))
            {
                errors.Add($"environment fact '{key[..Math.Min(key.Length, 64)]}' is longer than {ResultLimits.MaxTextLength} characters");
            }
        }
    }

    // A profile is stored as the coordinator re-serialises it, so only what it can read back is ever kept.
    private static string? CheckProfile(string? json, List<string> errors)
    {
        if (json is null)
        {
            return null;
        }

        if (json.Length > ResultLimits.MaxOperatorProfileChars)
        {
            errors.Add($"operator_profile_json is {json.Length:N0} characters; at most {ResultLimits.MaxOperatorProfileChars:N0}");
            return null;
        }

        OperatorProfile profile;
        try
        {
            profile = OperatorProfileJson.Deserialize(json);
        }
        catch (InvalidDataException e)
        {
            errors.Add($"operator_profile_json: {e.Message}");
            return null;
        }

        var problems = OperatorProfileJson.Problems(profile);
        if (problems.Count > 0)
        {
            errors.Add($"operator_profile_json: {string.Join("; ", problems)}");
            return null;
        }

        return OperatorProfileJson.Serialize(profile);
    }

    private static string Show(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
