using System.Globalization;

namespace LowFormerBench.Core.Regression;

/// <summary>Number formats shared by the Markdown and JUnit reports, culture-invariant so golden files hold on any machine.</summary>
internal static class ReportFormat
{
    public static string Ms(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) + " ms" : "–";

    public static string Change(double? change) => change is { } c ? c.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture) : "–";

    public static string Interval(RatioInterval? ratio) => ratio is { } r ? $"[{Change(r.Low - 1)}, {Change(r.High - 1)}]" : "–";

    public static string PValue(double? p) => p switch
    {
        null => "–",
        < 0.0001 => "<0.0001",
        { } v => v.ToString("0.0000", CultureInfo.InvariantCulture),
    };

    public static string Percent(double fraction) => fraction.ToString("0.##%", CultureInfo.InvariantCulture);

    public static string Headline(RegressionReport report)
    {
        var counts = Enum.GetValues<Verdict>().Where(v => report.Count(v) > 0).Select(v => $"{report.Count(v)} {v.Label()}");
        return $"campaign {report.CandidateCampaignId} vs baseline {report.BaselineCampaignId}: {string.Join(", ", counts)}";
    }

    public static string Method(RegressionReport report)
    {
        var o = report.Options;
        return $"threshold {Percent(o.Threshold)}, two-sided Mann–Whitney U at α = {o.Alpha.ToString(CultureInfo.InvariantCulture)}, " +
               $"{Percent(o.Confidence)} bootstrap interval of the ratio of medians ({o.Resamples} resamples), " +
               (report.HistoryCampaigns > 0
                   ? $"widened by run-to-run noise from {report.HistoryCampaigns} earlier campaigns"
                   : "within-run noise only (fewer than 3 earlier campaigns on the main branch)") + Pairing(report);
    }

    /// <summary>How many rows were paired: compared with the baseline's model measured interleaved in the same job.</summary>
    public static string Pairing(RegressionReport report)
    {
        var paired = report.Rows.Count(r => r.Paired);
        return paired == 0
            ? ""
            : $"; {paired} of {report.Rows.Count} row(s) paired (the baseline's model measured interleaved with the candidate in the same job, " +
              "compared on those samples alone, no run-to-run widening)";
    }

    /// <summary>The verdict's label, marked when the row was paired.</summary>
    public static string VerdictLabel(RowComparison row) => row.Paired ? $"{row.Verdict.Label()} (paired)" : row.Verdict.Label();

    public static string Spread(double? sigma) => sigma is { } s ? "±" + s.ToString("0.0%", CultureInfo.InvariantCulture) : "–";
}
