using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Core.Results;
using LowFormerBench.Measurement.Loop;

namespace LowFormerBench.Cli.Commands.Measure;

/// <summary><c>lfb measure --format json</c>: the same field names as <c>lfb results</c>.</summary>
public sealed record MeasureReport(
    string Model,
    string Scenario,
    int Batch,
    string InputShape,
    string Provider,
    string OnnxruntimeVersion,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MeanMs,
    double StddevMs,
    double MinMs,
    double MaxMs,
    double MedianCiLowMs,
    double MedianCiHighMs,
    int Samples,
    bool StopRuleMet,
    int Outliers,
    double ThroughputIps,
    double SessionCreateMs,
    double FirstInferenceMs,
    bool Throttled,
    string NativeLibrary,
    OperatorProfile? OperatorProfile,
    int P99TailSamples,
    bool P99Supported,
    IReadOnlyDictionary<string, string> ProviderOptions,
    double? MeanPowerW = null,
    double? EnergyPerImageJ = null,
    string Energy = EnergyReading.NotMeasured)
{
    public static MeasureReport From(string model, MeasurementOutcome o)
    {
        var s = o.Summary;
        return new MeasureReport(model, o.Request.Scenario, o.Request.Batch, o.InputShape, o.Provider.Provider.Name, o.RuntimeVersion,
            s.MedianMs, s.P90Ms, s.P99Ms, s.MeanMs, s.StdDevMs, s.MinMs, s.MaxMs, s.MedianCi.LowerMs, s.MedianCi.UpperMs, s.Count,
            o.StopRuleMet, s.Outliers, o.ThroughputIps, o.ColdStart.SessionCreation.TotalMilliseconds, o.ColdStart.FirstInference.TotalMilliseconds,
            o.MeasuredWhileThrottled, OnnxRuntimeNativeLibrary.LoadedPath, o.Profile, s.TailSamples(0.99), s.SupportsPercentile(0.99),
            o.Provider.Options, o.Energy?.MeanPowerW, o.Energy?.JoulesPerImage,
            o.Energy is { } e ? e.Source : $"{EnergyReading.NotMeasured}: {o.EnergyNote}");
    }
}

/// <summary><c>lfb measure --batch-sweep --format json</c>: every batch's report and the best-throughput batch.</summary>
public sealed record BatchSweepReport(string Model, int BestBatch, double BestThroughputIps, IReadOnlyList<MeasureReport> Batches)
{
    public static BatchSweepReport From(string model, BatchSweepOutcome sweep) =>
        new(model, sweep.Best.Request.Batch, sweep.Best.ThroughputIps, [.. sweep.Points.Select(p => MeasureReport.From(model, p))]);
}
