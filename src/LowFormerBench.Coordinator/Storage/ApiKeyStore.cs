using Dapper;
using LowFormerBench.Core.Security;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>API keys and per-agent tokens, stored as SHA-256 hashes; used by the coordinator and by <c>lfb keys --db</c>.</summary>
public sealed class ApiKeyStore(DbConnectionFactory connections, TimeProvider time)
{
    /// <summary>Creates a key; the returned plaintext is the only copy there will ever be.</summary>
    public async Task<(ApiKeyRecord Record, string Plaintext)> CreateAsync(string name, ApiRole role, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("a key needs a name saying whose it is (--name)", nameof(name));
        }

        var secret = ApiKeySecret.Generate();
        var record = new ApiKeyRecord(secret.Id, name.Trim(), role.Name(), time.GetUtcNow().ToUnixTimeMilliseconds(), null);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO api_keys (id, name, role, key_sha256, created_at_ms) VALUES (@Id, @Name, @Role, @hash, @CreatedAtMs);
            """, new { record.Id, record.Name, record.Role, hash = secret.Hash(), record.CreatedAtMs }, cancellationToken: cancellationToken));
        return (record, secret.Plaintext);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ApiKeyRecord>(new CommandDefinition(
            "SELECT id, name, role, created_at_ms, revoked_at_ms FROM api_keys ORDER BY created_at_ms, id;", cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Revokes a key by id; false when no active key has that id.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at_ms = @now WHERE id = @id AND revoked_at_ms IS NULL;",
            new { id = id.Trim().ToLowerInvariant(), now = time.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>The identity behind a presented key, when it is well-formed, known, not revoked and its hash matches.</summary>
    public async Task<ApiIdentity?> VerifyAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (ApiKeySecret.TryParse(presented) is not { } secret)
        {
            return null;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StoredKey>(new CommandDefinition(
            "SELECT name, role, key_sha256 FROM api_keys WHERE id = @Id AND revoked_at_ms IS NULL;", new { secret.Id },
            cancellationToken: cancellationToken));
        return row is not null && secret.Matches(row.KeySha256) ? new ApiIdentity(secret.Id, row.Name, ApiRoles.Parse(row.Role)) : null;
    }

    private sealed record StoredKey(string Name, string Role, byte[] KeySha256);

    /// <summary>Whether any active user key (not an agent token) exists: from then on the Control API asks for keys.</summary>
    public async Task<bool> AnyUserKeyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM api_keys WHERE revoked_at_ms IS NULL AND role <> 'agent') THEN 1 ELSE 0 END;", cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Which of these key ids are revoked (or gone): the agents holding them are disconnected.</summary>
    public async Task<IReadOnlySet<string>> RevokedAmongAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return new HashSet<string>();
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var active = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT id FROM api_keys WHERE revoked_at_ms IS NULL AND {connections.Dialect.InList("id", "@ids")};", new { ids = ids.ToArray() }, cancellationToken: cancellationToken));
        return ids.Except(active).ToHashSet();
    }
}

/// <summary>A stored key without its hash: what <c>lfb keys list</c> shows.</summary>
public sealed record ApiKeyRecord(string Id, string Name, string Role, long CreatedAtMs, long? RevokedAtMs);
