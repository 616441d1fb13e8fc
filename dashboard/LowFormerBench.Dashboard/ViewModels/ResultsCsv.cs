using System.Globalization;
using LowFormerBench.Core.Queries;

namespace LowFormerBench.Dashboard.ViewModels;

/// <summary>Results as RFC 4180 CSV, invariant culture, times in milliseconds: what a spreadsheet or pandas reads as is.</summary>
public static class ResultsCsv
{
    public const string Header =
        "job_id,campaign_id,model,model_sha256,agent,scenario,batch,resolution,precision,provider,p50_ms,p90_ms,p99_ms,mean_ms,stddev_ms," +
        "median_ci_low_ms,median_ci_high_ms,samples,throughput_ips,params,macs,top1,throttled,created_at,mean_power_w,energy_per_image_j,energy_source";

    public static async Task WriteAsync(IEnumerable<ResultView> results, TextWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken);
        foreach (var r in results)
        {
            await writer.WriteLineAsync(Row(r).AsMemory(), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    public static async Task WriteAsync(IAsyncEnumerable<ResultView> results, TextWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken);
        await foreach (var r in results.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(Row(r).AsMemory(), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    public static string Row(ResultView r)
    {
        var s = r.Summary;
        object?[] fields =
        [
            r.JobId, r.CampaignId, r.Model, r.ModelSha256, r.Agent, r.Scenario, r.Batch, r.Resolution, r.Precision, r.Provider,
            Ms(s.P50Ms), Ms(s.P90Ms), Ms(s.P99Ms), Ms(s.MeanMs), Ms(s.StddevMs), Ms(s.MedianCiLowMs), Ms(s.MedianCiHighMs), s.Samples,
            s.ThroughputIps.ToString("0.##", CultureInfo.InvariantCulture), r.Params, r.Macs, r.Top1, r.Throttled ? "true" : "false",
            r.CreatedAt.ToString("O", CultureInfo.InvariantCulture),

            // No sensor: empty numbers and "not measured", never a 0 that would read as free inference.
            s.Energy?.MeanPowerW, s.Energy?.JoulesPerImage, s.Energy?.Source ?? Core.Results.EnergyReading.NotMeasured,
        ];
        return string.Join(",", fields.Select(Field));
    }

    // Times to 0.1 µs and images/s to hundredths: finer digits are the timer's noise, not the measurement
    // (stored values keep full precision; `lfb results --format json` hands them over).
    private static string Ms(double ms) => ms.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
