using Dapper;
using LowFormerBench.Core.Regression;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>Raw samples for regression tests and per-campaign medians for change-point marks.</summary>
public sealed partial class ResultQueries
{
    /// <summary>Every sample of each accepted result of a campaign, by job id.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<double>>> SamplesByJobAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long JobId, byte[] Blob)>(new CommandDefinition("""
            SELECT r.job_id, s.samples_ms
            FROM result_samples s JOIN results r ON r.id = s.result_id JOIN jobs j ON j.id = r.job_id
            WHERE j.campaign_id = @campaignId;
            """, new { campaignId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.JobId, r => (IReadOnlyList<double>)SampleBlob.Decode(r.Blob));
    }

    /// <summary>
    /// One point per campaign for a row key, oldest first: the median of that campaign's medians for the key (a suite
    /// may measure a key more than once), with the fingerprint of its last result.
    /// </summary>
    public async Task<IReadOnlyList<HistoryPoint>> HistoryAsync(RowKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long CampaignId, long CreatedAtMs, double P50Ms, string Fingerprint)>(new CommandDefinition("""
            SELECT j.campaign_id, r.created_at_ms, r.p50_ms, r.environment_fingerprint
            FROM results r
            JOIN jobs j ON j.id = r.job_id
            LEFT JOIN agents a ON a.id = r.agent_id
            WHERE j.model_display_name = @Model AND COALESCE(a.name, r.agent_id) = @Agent AND j.scenario = @Scenario AND j.batch = @Batch
              AND j.resolution = @Resolution AND j.precision = @Precision AND j.provider = @Provider
              AND j.campaign_id IN (SELECT id FROM campaigns WHERE kind = 'user')
            ORDER BY j.campaign_id, r.job_id;
            """, new { key.Model, key.Agent, key.Scenario, key.Batch, key.Resolution, key.Precision, key.Provider }, cancellationToken: cancellationToken));
        return [.. rows.GroupBy(r => r.CampaignId).Select(g => new HistoryPoint(g.Key, DateTimeOffset.FromUnixTimeMilliseconds(g.Min(r => r.CreatedAtMs)),
            Median([.. g.Select(r => r.P50Ms)]), g.Last().Fingerprint))];
    }

    /// <summary>A series with the change points the dashboard marks on it.</summary>
    public async Task<(IReadOnlyList<HistoryPoint> Points, IReadOnlyList<ChangePoint> Changes)> HistoryWithChangesAsync(RowKey key, double minChange,
        CancellationToken cancellationToken = default)
    {
        var points = await HistoryAsync(key, cancellationToken);
        return (points, ChangePoints.Detect(points, minChange));
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
