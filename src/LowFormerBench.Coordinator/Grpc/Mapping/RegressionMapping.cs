using LowFormerBench.Core.Regression;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Coordinator.Grpc.Mapping;

/// <summary>
/// Regression reports to and from the wire. Public, both ways: the CLI rebuilds the Core report from the reply so
/// its Markdown and JUnit writers render exactly what the coordinator decided.
/// </summary>
public static class RegressionMapping
{
    public static CompareCampaignsResponse ToProto(this RegressionReport report, string baselineReason)
    {
        var response = new CompareCampaignsResponse
        {
            CampaignId = report.CandidateCampaignId, BaselineCampaignId = report.BaselineCampaignId, BaselineReason = baselineReason,
            Threshold = report.Options.Threshold, Alpha = report.Options.Alpha, Confidence = report.Options.Confidence, Resamples = report.Options.Resamples,
            HistoryCampaigns = report.HistoryCampaigns,
        };
        response.Rows.AddRange(report.Rows.Select(ToProto));
        return response;
    }

    public static RegressionReport ToReport(this CompareCampaignsResponse response) => new(response.CampaignId, response.BaselineCampaignId,
        new RegressionOptions(response.Threshold, response.Alpha, response.Confidence, response.Resamples), [.. response.Rows.Select(ToRow)],
        response.HistoryCampaigns);

    private static RowVerdict ToProto(RowComparison row)
    {
        var verdict = new RowVerdict
        {
            Model = row.Key.Model, Agent = row.Key.Agent, Scenario = row.Key.Scenario, Batch = row.Key.Batch, Resolution = row.Key.Resolution,
            Precision = row.Key.Precision, Provider = row.Key.Provider, Verdict = (RegressionVerdict)((int)row.Verdict + 1),
            BaselineSamples = row.BaselineSamples, CandidateSamples = row.CandidateSamples, Note = row.Note, Paired = row.Paired,
        };
        if (row.BaselineMedianMs is { } baseline)
        {
            verdict.BaselineMedianMs = baseline;
        }

        if (row.CandidateMedianMs is { } candidate)
        {
            verdict.CandidateMedianMs = candidate;
        }

        if (row.Ratio is { } ratio)
        {
            (verdict.Ratio, verdict.RatioLow, verdict.RatioHigh) = (ratio.Ratio, ratio.Low, ratio.High);
        }

        if (row.PValue is { } p)
        {
            verdict.PValue = p;
        }

        if (row.RunToRunSpread is { } spread)
        {
            verdict.RunToRunSpread = spread;
        }

        if (row.SamplesNeeded is { } needed)
        {
            verdict.SamplesNeeded = needed;
        }

        return verdict;
    }

    private static RowComparison ToRow(RowVerdict v) => new(
        new RowKey(v.Model, v.Agent, v.Scenario, v.Batch, v.Resolution, v.Precision, v.Provider),
        v.Verdict == RegressionVerdict.Unspecified ? throw new InvalidDataException($"no verdict for {v.Model}") : (Verdict)((int)v.Verdict - 1),
        v.HasBaselineMedianMs ? v.BaselineMedianMs : null, v.HasCandidateMedianMs ? v.CandidateMedianMs : null,
        v.HasRatio ? new RatioInterval(v.Ratio, v.RatioLow, v.RatioHigh) : null, v.HasPValue ? v.PValue : null,
        v.BaselineSamples, v.CandidateSamples, v.HasSamplesNeeded ? v.SamplesNeeded : null, v.Note,
        v.HasRunToRunSpread ? v.RunToRunSpread : null, v.Paired);
}
