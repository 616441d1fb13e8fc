using Dapper;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Results;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>Reads results with their job configuration, agent and model facts; shared by the Control API and the dashboard.</summary>
public sealed partial class ResultQueries(SqliteConnectionFactory connections)
{
    public async Task<IReadOnlyList<ResultView>> ListAsync(long? campaignId, int? limit, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT {Columns}
            {From}
            {(campaignId is null
                // Without a campaign: users' results only; canaries are read by their campaign id (or in the agent list).
                ? "WHERE j.campaign_id IN (SELECT id FROM campaigns WHERE kind = 'user')"
                : "WHERE j.campaign_id = @campaignId")}
            ORDER BY r.job_id
            {(limit is null ? "" : "LIMIT @limit")};
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ResultRow>(new CommandDefinition(sql, new { campaignId, limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToView())];
    }

    /// <summary>The operator profile stored with a job's result, as JSON; null when there is no result or it took no profile.</summary>
    public async Task<string?> OperatorProfileJsonAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT operator_profile_json FROM results WHERE job_id = @jobId", new { jobId }, cancellationToken: cancellationToken));
    }

    /// <summary>The operator profile of a job's result, read back into the record; null when there is none.</summary>
    public async Task<OperatorProfile?> OperatorProfileAsync(long jobId, CancellationToken cancellationToken = default) =>
        await OperatorProfileJsonAsync(jobId, cancellationToken) is { } json ? OperatorProfileJson.Deserialize(json) : null;

    // Shared by every read that returns ResultView rows, so they all map the same way.
    private const string Columns = """
        r.job_id, j.campaign_id, j.model_display_name AS model, j.model_sha256, COALESCE(a.name, r.agent_id) AS agent,
        j.scenario, j.batch, j.resolution, j.precision, j.provider,
        r.p50_ms, r.p90_ms, r.p99_ms, r.mean_ms, r.stddev_ms, r.min_ms, r.max_ms, r.median_ci_low_ms, r.median_ci_high_ms,
        r.samples, r.throughput_ips, r.warmup_iterations, r.stop_rule_met, r.outliers, r.session_create_ms, r.first_inference_ms,
        r.attempt, r.environment_fingerprint, m.params, m.macs, m.top1, r.created_at_ms, r.throttled,
        r.operator_profile_json IS NOT NULL AS has_operator_profile, r.mean_power_w, r.energy_per_image_j, r.energy_source
        """;

    private const string From = """
        FROM results r
        JOIN jobs j ON j.id = r.job_id
        JOIN models m ON m.sha256 = j.model_sha256
        LEFT JOIN agents a ON a.id = r.agent_id
        """;

    private sealed class ResultRow
    {
        public long JobId { get; set; }
        public long CampaignId { get; set; }
        public string Model { get; set; } = "";
        public string ModelSha256 { get; set; } = "";
        public string Agent { get; set; } = "";
        public string Scenario { get; set; } = "";
        public long Batch { get; set; }
        public long Resolution { get; set; }
        public string Precision { get; set; } = "";
        public string Provider { get; set; } = "";
        public double P50Ms { get; set; }
        public double P90Ms { get; set; }
        public double P99Ms { get; set; }
        public double MeanMs { get; set; }
        public double StddevMs { get; set; }
        public double MinMs { get; set; }
        public double MaxMs { get; set; }
        public double MedianCiLowMs { get; set; }
        public double MedianCiHighMs { get; set; }
        public long Samples { get; set; }
        public double ThroughputIps { get; set; }
        public long WarmupIterations { get; set; }
        public long StopRuleMet { get; set; }
        public long Outliers { get; set; }
        public double SessionCreateMs { get; set; }
        public double FirstInferenceMs { get; set; }
        public long Attempt { get; set; }
        public string EnvironmentFingerprint { get; set; } = "";
        public long Params { get; set; }
        public long Macs { get; set; }
        public double? Top1 { get; set; }
        public long CreatedAtMs { get; set; }
        public long Throttled { get; set; }

        public long HasOperatorProfile { get; set; }

        public double? MeanPowerW { get; set; }

        public double? EnergyPerImageJ { get; set; }

        public string? EnergySource { get; set; }

        public ResultView ToView() => new(JobId, CampaignId, Model, ModelSha256, Agent, Scenario, (int)Batch, (int)Resolution, Precision, Provider,
            new ReportedSummary(P50Ms, P90Ms, P99Ms, MeanMs, StddevMs, MinMs, MaxMs, MedianCiLowMs, MedianCiHighMs, (int)Samples,
                ThroughputIps, (int)WarmupIterations, StopRuleMet != 0, (int)Outliers, SessionCreateMs, FirstInferenceMs,
                MeanPowerW is { } power && EnergyPerImageJ is { } joules ? new EnergyReading(power, joules, EnergySource ?? string.Empty) : null),
            (int)Attempt, EnvironmentFingerprint, Params, Macs, Top1, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), Throttled != 0,
            HasOperatorProfile != 0);
    }
}
