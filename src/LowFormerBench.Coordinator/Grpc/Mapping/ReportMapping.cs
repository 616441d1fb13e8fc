using System.Globalization;
using Grpc.Core;
using LowFormerBench.Core.Results;
using LowFormerBench.Core.Statistics;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Coordinator.Grpc.Mapping;

internal static class ReportMapping
{
    public static string FormatJobId(long jobId) => jobId.ToString(CultureInfo.InvariantCulture);

    public static long ParseJobId(string jobId) =>
        long.TryParse(jobId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new RpcException(new Status(StatusCode.InvalidArgument, $"'{jobId}' is not a job id"));

    public static MeasurementReport ToDomain(this JobResult r)
    {
        var s = r.Summary ?? throw new RpcException(new Status(StatusCode.InvalidArgument, $"result for job {r.JobId} has no summary"));
        return new MeasurementReport(
            ParseJobId(r.JobId), r.Attempt, s.ToDomain(), [.. r.SamplesMs],
            [.. r.Environment.Select(e => new EnvironmentRecord(e.Phase, e.Facts.ToDictionary(f => f.Key, f => f.Value), e.Throttled))],
            r.EnvironmentFingerprint, r.InputShape, r.ModelFromCache,
            string.IsNullOrEmpty(r.OperatorProfileJson) ? null : r.OperatorProfileJson,
            r.ReferenceSamplesMs.Count > 0 ? new PairedReferenceSamples(r.ReferenceModelSha256, [.. r.ReferenceSamplesMs]) : null);
    }

    public static ReportedSummary ToDomain(this MeasurementSummary s) => new(
        s.P50Ms, s.P90Ms, s.P99Ms, s.MeanMs, s.StddevMs, s.MinMs, s.MaxMs, s.MedianCiLowMs, s.MedianCiHighMs, s.Samples,
        s.ThroughputIps, s.WarmupIterations, s.StopRuleMet, s.Outliers, s.SessionCreateMs, s.FirstInferenceMs, s.Energy());

    /// <summary>
    /// The agent's energy, checked: both numbers or neither, finite, positive and in range, the source named. A result that
    /// sends half of it or a bad value fails with the reason; one that sends neither is "not measured".
    /// </summary>
    private static EnergyReading? Energy(this MeasurementSummary s)
    {
        if (!s.HasMeanPowerW && !s.HasEnergyPerImageJ)
        {
            return null;
        }

        var problem = s.HasMeanPowerW && s.HasEnergyPerImageJ
            ? EnergyReading.Check(s.MeanPowerW, s.EnergyPerImageJ, s.EnergySource)
            : "mean_power_w and energy_per_image_j come together or not at all";
        return problem is null
            ? new EnergyReading(s.MeanPowerW, s.EnergyPerImageJ, s.EnergySource)
            : throw new RpcException(new Status(StatusCode.InvalidArgument, $"energy of the result: {problem}"));
    }

    public static MeasurementSummary ToProto(this ReportedSummary s)
    {
        var wire = s.ToProtoStatistics();
        if (s.Energy is { } energy)
        {
            wire.MeanPowerW = energy.MeanPowerW;
            wire.EnergyPerImageJ = energy.JoulesPerImage;
            wire.EnergySource = energy.Source;
        }
        else
        {
            wire.EnergyNotMeasured = EnergyReading.NotMeasured;
        }

        return wire;
    }

    private static MeasurementSummary ToProtoStatistics(this ReportedSummary s) => new()
    {
        P50Ms = s.P50Ms, P90Ms = s.P90Ms, P99Ms = s.P99Ms, MeanMs = s.MeanMs, StddevMs = s.StddevMs, MinMs = s.MinMs, MaxMs = s.MaxMs,
        MedianCiLowMs = s.MedianCiLowMs, MedianCiHighMs = s.MedianCiHighMs, Samples = s.Samples, ThroughputIps = s.ThroughputIps,
        WarmupIterations = s.WarmupIterations, StopRuleMet = s.StopRuleMet, Outliers = s.Outliers, SessionCreateMs = s.SessionCreateMs,
        FirstInferenceMs = s.FirstInferenceMs,

        // Derived from the stored sample count, so results stored before these fields existed get them too.
        P99TailSamples = PercentileSupport.TailSamples(s.Samples, 0.99),
        P99Supported = s.Samples >= PercentileSupport.MinSamples(0.99),
    };
}
