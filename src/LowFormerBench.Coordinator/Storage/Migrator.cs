using System.Data.Common;
using Dapper;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>
/// Brings the database to this build's schema at start-up: checks it (SQLite's quick_check; no version this build does
/// not know), then applies the pending steps of <see cref="Migration.All"/> in order, each once, each in its own
/// transaction with its row in schema_migrations. On PostgreSQL an advisory lock makes replicas starting together
/// take turns: the first migrates, the others find nothing left to do.
/// </summary>
public sealed class Migrator(DbConnectionFactory connections)
{
    // Any fixed number: the key of the lock replicas take while they migrate (pg_advisory_lock is per database).
    private const long PostgresLockKey = 0x4C4642_0001;

    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        if (connections.Engine == StorageEngine.Sqlite)
        {
            var integrity = await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA quick_check;", cancellationToken: cancellationToken));
            if (integrity != "ok")
            {
                throw new InvalidOperationException(
                    $"the database {connections.Location} failed its integrity check ({integrity}). Restore a backup or start with a new --db file.");
            }
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key);", new { key = PostgresLockKey }, cancellationToken: cancellationToken));
        }

        try
        {
            return await ApplyPendingAsync(connection, cancellationToken);
        }
        finally
        {
            if (connections.Engine == StorageEngine.Postgres)
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key);", new { key = PostgresLockKey }, cancellationToken: CancellationToken.None));
            }
        }
    }

    /// <summary>The versions applied to this database, oldest first.</summary>
    public async Task<IReadOnlyList<long>> AppliedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return [.. (await AppliedAsync(connection, cancellationToken)).Keys.Order()];
    }

    private async Task<int> ApplyPendingAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var integer = connections.Engine == StorageEngine.Postgres ? "BIGINT" : "INTEGER";
        await connection.ExecuteAsync(new CommandDefinition(
            $"CREATE TABLE IF NOT EXISTS schema_migrations (version {integer} PRIMARY KEY, name TEXT NOT NULL, applied_at_ms {integer} NOT NULL);",
            cancellationToken: cancellationToken));
        var applied = await AppliedAsync(connection, cancellationToken);
        Check(applied);
        var count = 0;
        foreach (var migration in Migration.All.Where(m => !applied.ContainsKey(m.Version)))
        {
            var sql = migration.SqlFor(connections.Engine);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES (@Version, @Name, @now);",
                new { migration.Version, migration.Name, now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            count++;
        }

        return count;
    }

    private static async Task<Dictionary<long, string>> AppliedAsync(DbConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(long Version, string Name)>(new CommandDefinition("SELECT version, name FROM schema_migrations;",
            cancellationToken: cancellationToken))).ToDictionary(r => r.Version, r => r.Name);

    // A database migrated by a newer lfb (a version this build lacks) would be written with the wrong schema: refuse.
    private void Check(Dictionary<long, string> applied)
    {
        var known = Migration.All.ToDictionary(m => m.Version);
        var unknown = applied.Keys.Where(v => !known.ContainsKey(v)).Order().ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"the database {connections.Location} has schema version(s) {string.Join(", ", unknown.Select(v => $"{v} ({applied[v]})"))} that this lfb does not know " +
                $"(it knows up to {Migration.All[^1].Version}): run the lfb that migrated it, or a newer one.");
        }
    }
}
