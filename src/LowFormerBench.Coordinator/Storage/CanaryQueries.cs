using Dapper;
using LowFormerBench.Core.Canary;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Queries;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>A device's canary runs, read back for judging its latest one.</summary>
public sealed class CanaryQueries(SqliteConnectionFactory connections)
{
    /// <summary>The agent's canaries of this model measured this way, oldest first, the newest <paramref name="limit"/> of them.</summary>
    public async Task<IReadOnlyList<CanaryRun>> RunsAsync(string agentId, JobSpec spec, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition("""
            SELECT r.job_id, r.environment_fingerprint, s.samples_ms
            FROM results r
            JOIN jobs j ON j.id = r.job_id
            JOIN campaigns c ON c.id = j.campaign_id
            LEFT JOIN result_samples s ON s.result_id = r.id
            WHERE c.kind = @kind AND r.agent_id = @agentId AND j.model_sha256 = @ModelSha256 AND j.scenario = @scenario
              AND j.batch = @Batch AND j.resolution = @Resolution AND j.precision = @Precision AND j.provider = @Provider
            ORDER BY r.id DESC LIMIT @limit;
            """, new
        {
            kind = CampaignKinds.Canary, agentId, spec.ModelSha256, scenario = spec.Scenario.ToWire(), spec.Batch, spec.Resolution,
            Precision = spec.Precision.ToWire(), spec.Provider, limit,
        }, cancellationToken: cancellationToken));
        return [.. rows.Reverse().Select(r => new CanaryRun(r.JobId, r.EnvironmentFingerprint, r.SamplesMs is null ? [] : SampleBlob.Decode(r.SamplesMs)))];
    }

    private sealed class RunRow
    {
        public long JobId { get; set; }
        public string EnvironmentFingerprint { get; set; } = "";
        public byte[]? SamplesMs { get; set; }
    }
}
