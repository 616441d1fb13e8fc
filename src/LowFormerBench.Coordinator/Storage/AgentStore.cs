using Dapper;
using LowFormerBench.Core.Devices;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>Registered agents: identity, capabilities and health survive coordinator restarts.</summary>
public sealed class AgentStore(DbConnectionFactory connections, TimeProvider time)
{
    /// <summary>Registers an agent by name (reusing its id when it was seen before) and returns its id and health.</summary>
    public async Task<AgentRecord> RegisterAsync(string name, DeviceCapabilities capabilities, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<AgentRecord>(new CommandDefinition("""
            INSERT INTO agents (id, name, capabilities_json, state, first_seen_ms, last_seen_ms)
            VALUES (@id, @name, @capabilities, 'idle', @now, @now)
            ON CONFLICT (name) DO UPDATE SET capabilities_json = excluded.capabilities_json, last_seen_ms = excluded.last_seen_ms,
                state = CASE WHEN agents.state = 'quarantined' THEN 'quarantined' ELSE 'idle' END
            RETURNING id, name, capabilities_json, state, last_seen_ms, consecutive_failures, quarantine_reason,
                      jobs_since_canary, last_canary_ms, canary_drift, canary_note, canary_drifted;
            """, new { id = Guid.NewGuid().ToString("N")[..12], name, capabilities = StorageJson.Write(capabilities), now },
            cancellationToken: cancellationToken));
    }

    public async Task UpdateHealthAsync(string agentId, AgentState state, int consecutiveFailures, string? quarantineReason,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE agents SET state = @state, consecutive_failures = @consecutiveFailures, quarantine_reason = @quarantineReason,
                              last_seen_ms = @now
            WHERE id = @agentId;
            """, new
        {
            agentId, state = state.ToString().ToLowerInvariant(), consecutiveFailures, quarantineReason,
            now = time.GetUtcNow().ToUnixTimeMilliseconds(),
        }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<AgentRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<AgentRecord>(new CommandDefinition(
            $"SELECT {Columns} FROM agents ORDER BY name;",
            cancellationToken: cancellationToken))];
    }

    /// <summary>A job other than a canary finished on this agent: one closer to its next canary.</summary>
    public async Task CountJobSinceCanaryAsync(string agentId, int jobsSinceCanary, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE agents SET jobs_since_canary = @jobsSinceCanary WHERE id = @agentId;",
            new { agentId, jobsSinceCanary }, cancellationToken: cancellationToken));
    }

    /// <summary>A canary was handed to this agent: the count starts over and the clock restarts.</summary>
    public async Task CanaryStartedAsync(string agentId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE agents SET jobs_since_canary = 0, last_canary_ms = @at WHERE id = @agentId;",
            new { agentId, at = at.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }

    /// <summary>What the agent's latest canary said (a drift, steady, or not judged yet).</summary>
    public async Task UpdateCanaryVerdictAsync(string agentId, double? drift, bool drifted, string note, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE agents SET canary_drift = @drift, canary_drifted = @drifted, canary_note = @note WHERE id = @agentId;",
            new { agentId, drift, drifted = ResultStore.Flag(drifted), note }, cancellationToken: cancellationToken));
    }

    private const string Columns =
        "id, name, capabilities_json, state, last_seen_ms, consecutive_failures, quarantine_reason, jobs_since_canary, last_canary_ms, canary_drift, canary_note, canary_drifted";

    public sealed class AgentRecord
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string CapabilitiesJson { get; set; } = "{}";
        public string State { get; set; } = "";
        public long LastSeenMs { get; set; }
        public long ConsecutiveFailures { get; set; }
        public string? QuarantineReason { get; set; }
        public long JobsSinceCanary { get; set; }
        public long? LastCanaryMs { get; set; }
        public double? CanaryDrift { get; set; }
        public string? CanaryNote { get; set; }
        public bool CanaryDrifted { get; set; }

        public DeviceCapabilities Capabilities => StorageJson.Read<DeviceCapabilities>(CapabilitiesJson);

        public AgentState Health => Enum.Parse<AgentState>(State, ignoreCase: true);
    }
}
