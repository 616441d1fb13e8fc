using Dapper;
using LowFormerBench.Core.Jobs;
using System.Data.Common;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>Persists jobs. It never decides: every state change was made by <see cref="Job"/> itself.</summary>
public sealed class JobStore(DbConnectionFactory connections, TimeProvider time)
{
    public async Task SaveAsync(Job job, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await SaveAsync(connection, null, job, cancellationToken);
    }

    /// <summary>
    /// Saves a fresh lease without waiting for the disk: losing it in a power cut only queues the job again (its
    /// agent's result then counts as late), and the next durable commit flushes it along (one WAL).
    /// </summary>
    public async Task SaveLeaseAsync(Job job, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(durable: false, cancellationToken);
        await SaveAsync(connection, null, job, cancellationToken);
    }

    internal async Task SaveAsync(DbConnection connection, DbTransaction? transaction, Job job, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE jobs SET state = @State, attempts = @Attempts, agent_id = @AgentId, lease_expires_ms = @LeaseExpiresMs,
                            error = @Error, phase = @Phase, lost_agents_json = @LostAgentsJson, updated_at_ms = @Now
            WHERE id = @Id;
            """;
        var rows = await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            job.Id,
            State = job.State.ToWire(),
            job.Attempts,
            job.AgentId,
            LeaseExpiresMs = job.LeaseExpiresAt?.ToUnixTimeMilliseconds(),
            job.Error,
            job.Phase,
            LostAgentsJson = StorageJson.Write(job.LostAgents),
            Now = time.GetUtcNow().ToUnixTimeMilliseconds(),
        }, transaction, cancellationToken: cancellationToken));
        if (rows != 1)
        {
            throw new InvalidOperationException($"job {job.Id} is not in the database");
        }
    }

    /// <summary>Queued and held jobs, oldest first: the scheduler's working set after a start or a crash.</summary>
    public async Task<IReadOnlyList<Job>> LoadUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT id, campaign_id, spec_json, state, attempts, max_attempts, agent_id, lease_expires_ms, error, phase, lost_agents_json
            FROM jobs WHERE state IN ('queued', 'leased', 'running') ORDER BY id;
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToJob())];
    }

    internal sealed class JobRow
    {
        public long Id { get; set; }
        public long CampaignId { get; set; }
        public string SpecJson { get; set; } = "";
        public string State { get; set; } = "";
        public long Attempts { get; set; }
        public long MaxAttempts { get; set; }
        public string? AgentId { get; set; }
        public long? LeaseExpiresMs { get; set; }
        public string? Error { get; set; }
        public string? Phase { get; set; }
        public string LostAgentsJson { get; set; } = "[]";

        public Job ToJob() => new(Id, CampaignId, StorageJson.Read<JobSpec>(SpecJson), Enum.Parse<JobState>(State, ignoreCase: true),
            (int)Attempts, (int)MaxAttempts, AgentId,
            LeaseExpiresMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            Error, Phase, StorageJson.Read<List<string>>(LostAgentsJson));
    }
}
