using LowFormerBench.Core.Results;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Cli.Rendering;

/// <summary>
/// One result in <c>lfb results --format json|csv</c>: flat, snake_case, stable. The operator profile, where the job
/// took one, is nested in JSON and left out of CSV (which keeps flat columns only). Energy: mean_power_w and
/// energy_per_image_j are empty/null where the device had no sensor, and energy then says "not measured" (else the sensor).
/// </summary>
public sealed record ResultRecord(
    string JobId,
    long CampaignId,
    string Model,
    string Agent,
    string Scenario,
    int Batch,
    int Resolution,
    string Precision,
    string Provider,
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
    double ThroughputIps,
    bool StopRuleMet,
    double SessionCreateMs,
    double FirstInferenceMs,
    long Params,
    long Macs,
    double? Top1,
    bool Throttled,
    string EnvironmentFingerprint,
    OperatorProfile? OperatorProfile,
    double? MeanPowerW = null,
    double? EnergyPerImageJ = null,
    string Energy = EnergyReading.NotMeasured)
{
    public static ResultRecord From(ResultRow r)
    {
        var s = r.Summary;
        return new ResultRecord(r.JobId, r.CampaignId, r.Model, r.Agent, r.Scenario, r.Batch, r.Resolution, r.Precision, r.Provider,
            s.P50Ms, s.P90Ms, s.P99Ms, s.MeanMs, s.StddevMs, s.MinMs, s.MaxMs, s.MedianCiLowMs, s.MedianCiHighMs, s.Samples, s.ThroughputIps,
            s.StopRuleMet, s.SessionCreateMs, s.FirstInferenceMs, r.Params, r.Macs, r.Top1 > 0 ? r.Top1 : null, r.Throttled,
            r.EnvironmentFingerprint, r.OperatorProfileJson.Length > 0 ? OperatorProfileJson.Deserialize(r.OperatorProfileJson) : null,
            s.HasMeanPowerW ? s.MeanPowerW : null, s.HasEnergyPerImageJ ? s.EnergyPerImageJ : null,
            s.HasMeanPowerW && s.EnergySource.Length > 0 ? s.EnergySource : EnergyReading.NotMeasured);
    }
}
