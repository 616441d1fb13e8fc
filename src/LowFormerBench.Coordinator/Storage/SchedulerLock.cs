using System.Data.Common;
using Dapper;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>
/// One scheduling coordinator per PostgreSQL database, for now: the dispatcher keeps its queue and leases in memory, so
/// two coordinators on one database would hand the same queued job to two agents. Until leases are claimed in the
/// database itself, the coordinator holds a session advisory lock for its lifetime and a second one refuses to start,
/// saying why. The server drops the lock with the session, so a killed coordinator's successor starts at once. A SQLite
/// file belongs to one machine; nothing is taken there.
/// </summary>
public sealed class SchedulerLock(DbConnectionFactory connections) : IAsyncDisposable
{
    // Any fixed number other than the migrator's.
    private const long Key = 0x4C4642_0002;

    private DbConnection? _held;

    public async Task AcquireAsync(CancellationToken cancellationToken = default)
    {
        if (connections.Engine != StorageEngine.Postgres || _held is not null)
        {
            return;
        }

        var connection = await connections.OpenAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@Key);", new { Key }, cancellationToken: cancellationToken)))
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"another coordinator already schedules on the PostgreSQL database {connections.Location}: one coordinator per database until " +
                "replicas claim leases in the database. Stop the other one, or give this one its own database.");
        }

        _held = connection;
    }

    // Closing the session (a pooled connection is reset with DISCARD ALL) releases the lock.
    public async ValueTask DisposeAsync()
    {
        if (_held is not null)
        {
            await _held.DisposeAsync();
            _held = null;
        }
    }
}
