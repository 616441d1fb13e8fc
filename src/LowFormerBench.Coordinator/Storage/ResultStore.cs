using Dapper;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Results;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>
/// Accepts a result and the job's success in one transaction: a result is never stored without its job
/// being marked succeeded, nor the other way round. A result is keyed by (job, attempt): the UNIQUE job id makes a
/// re-sent report a no-op, and reports from attempts that lost their job go to late_results as evidence.
/// </summary>
public sealed class ResultStore(SqliteConnectionFactory connections, JobStore jobs, TimeProvider time)
{
    /// <returns>True when stored now; false when this job already had its result.</returns>
    public async Task<bool> AcceptAsync(Job succeededJob, string agentId, MeasurementReport report, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var s = report.Summary;
        var resultId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            INSERT INTO results (job_id, attempt, agent_id, p50_ms, p90_ms, p99_ms, mean_ms, stddev_ms, min_ms, max_ms,
                median_ci_low_ms, median_ci_high_ms, samples, throughput_ips, warmup_iterations, stop_rule_met, outliers,
                session_create_ms, first_inference_ms, input_shape, environment_fingerprint, throttled, model_from_cache,
                operator_profile_json, created_at_ms, mean_power_w, energy_per_image_j, energy_source)
            VALUES (@JobId, @Attempt, @agentId, @P50Ms, @P90Ms, @P99Ms, @MeanMs, @StddevMs, @MinMs, @MaxMs,
                @MedianCiLowMs, @MedianCiHighMs, @Samples, @ThroughputIps, @WarmupIterations, @StopRuleMet, @Outliers,
                @SessionCreateMs, @FirstInferenceMs, @InputShape, @EnvironmentFingerprint, @Throttled, @ModelFromCache,
                @OperatorProfileJson, @now, @meanPowerW, @energyPerImageJ, @energySource)
            ON CONFLICT (job_id) DO NOTHING RETURNING id;
            """, new
        {
            report.JobId, report.Attempt, agentId, s.P50Ms, s.P90Ms, s.P99Ms, s.MeanMs, s.StddevMs, s.MinMs, s.MaxMs,
            s.MedianCiLowMs, s.MedianCiHighMs, s.Samples, s.ThroughputIps, s.WarmupIterations, s.StopRuleMet, s.Outliers,
            s.SessionCreateMs, s.FirstInferenceMs, report.InputShape, report.EnvironmentFingerprint, report.Throttled,
            report.ModelFromCache, report.OperatorProfileJson, now = time.GetUtcNow().ToUnixTimeMilliseconds(),
            meanPowerW = s.Energy?.MeanPowerW, energyPerImageJ = s.Energy?.JoulesPerImage, energySource = s.Energy?.Source,
        }, transaction, cancellationToken: cancellationToken));
        if (resultId is not { } id)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO result_samples (result_id, count, samples_ms) VALUES (@id, @count, @blob);",
            new { id, count = report.SamplesMs.Count, blob = SampleBlob.Encode(report.SamplesMs) }, transaction, cancellationToken: cancellationToken));
        if (report.Reference is { SamplesMs.Count: > 0 } reference)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO paired_references (result_id, job_id, model_sha256, count, median_ms, samples_ms)
                VALUES (@id, @JobId, @ModelSha256, @count, @median, @blob);
                """, new
            {
                id, report.JobId, reference.ModelSha256, count = reference.SamplesMs.Count,
                median = Core.Statistics.SampleSummary.From(reference.SamplesMs).MedianMs, blob = SampleBlob.Encode(reference.SamplesMs),
            }, transaction, cancellationToken: cancellationToken));
        }

        foreach (var environment in report.Environment)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO environments (result_id, phase, throttled, facts_json) VALUES (@id, @Phase, @Throttled, @facts);",
                new { id, environment.Phase, environment.Throttled, facts = StorageJson.Write(environment.Facts) }, transaction,
                cancellationToken: cancellationToken));
        }

        await jobs.SaveAsync(connection, transaction, succeededJob, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The attempt and agent of a job's accepted result, or null when it has none.</summary>
    public async Task<(int Attempt, string AgentId)?> AcceptedAttemptAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AcceptedRow>(new CommandDefinition(
            "SELECT attempt, agent_id FROM results WHERE job_id = @jobId;", new { jobId }, cancellationToken: cancellationToken));
        return row is null ? null : ((int)row.Attempt, row.AgentId);
    }

    /// <summary>
    /// Keeps a report from an attempt that no longer held its job. Reports for jobs this database never had are not
    /// kept (there is nothing to attach them to); a re-sent late report is stored once.
    /// </summary>
    /// <returns>True when stored now.</returns>
    public async Task<bool> RecordLateAsync(string agentId, string agentName, MeasurementReport report, string reason,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var s = report.Summary;
        var stored = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO late_results (job_id, attempt, agent_id, agent_name, reason, p50_ms, mean_ms, samples, input_shape,
                environment_fingerprint, summary_json, received_at_ms)
            SELECT @JobId, @Attempt, @agentId, @agentName, @reason, @P50Ms, @MeanMs, @Samples, @InputShape,
                @EnvironmentFingerprint, @summary, @now
            WHERE EXISTS (SELECT 1 FROM jobs WHERE id = @JobId)
            ON CONFLICT (job_id, attempt, agent_id) DO NOTHING;
            """, new
        {
            report.JobId, report.Attempt, agentId, agentName, reason, s.P50Ms, s.MeanMs, s.Samples, report.InputShape,
            report.EnvironmentFingerprint, summary = StorageJson.Write(s), now = time.GetUtcNow().ToUnixTimeMilliseconds(),
        }, cancellationToken: cancellationToken));
        return stored > 0;
    }

    /// <summary>The late results kept for a job, oldest first.</summary>
    public async Task<IReadOnlyList<LateResult>> LateResultsOfAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LateRow>(new CommandDefinition("""
            SELECT job_id, attempt, agent_id, agent_name, reason, p50_ms, mean_ms, samples, received_at_ms
            FROM late_results WHERE job_id = @jobId ORDER BY id;
            """, new { jobId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new LateResult(r.JobId, (int)r.Attempt, r.AgentId, r.AgentName, r.Reason, r.P50Ms, r.MeanMs, (int)r.Samples,
            DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAtMs)))];
    }

    /// <summary>Every sample of a job's accepted result, in measured order.</summary>
    public async Task<IReadOnlyList<double>> SamplesOfAsync(long jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var blob = await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT s.samples_ms FROM result_samples s JOIN results r ON r.id = s.result_id WHERE r.job_id = @jobId;",
            new { jobId }, cancellationToken: cancellationToken));
        return blob is null ? [] : SampleBlob.Decode(blob);
    }

    private sealed class AcceptedRow
    {
        public long Attempt { get; set; }
        public string AgentId { get; set; } = "";
    }

    private sealed class LateRow
    {
        public long JobId { get; set; }
        public long Attempt { get; set; }
        public string AgentId { get; set; } = "";
        public string AgentName { get; set; } = "";
        public string Reason { get; set; } = "";
        public double P50Ms { get; set; }
        public double MeanMs { get; set; }
        public long Samples { get; set; }
        public long ReceivedAtMs { get; set; }
    }
}
