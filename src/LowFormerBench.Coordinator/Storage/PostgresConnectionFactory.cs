using System.Data.Common;
using Npgsql;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>
/// Opens pooled connections to a PostgreSQL database that several coordinator replicas may share. Every commit is
/// durable (synchronous_commit as the server has it): turning it off for leases would cost a round trip per open.
/// </summary>
public sealed class PostgresConnectionFactory : DbConnectionFactory, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;

    public PostgresConnectionFactory(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresAddress.ToConnectionString(database));
        ConnectionString = builder.ConnectionString;
        Location = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder);
    }

    public override StorageEngine Engine => StorageEngine.Postgres;

    public override string Location { get; }

    /// <summary>The Npgsql connection string (with its password, if any): for tools, never for messages.</summary>
    public string ConnectionString { get; }

    public override async Task<DbConnection> OpenAsync(bool durable, CancellationToken cancellationToken = default) =>
        await _source.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
