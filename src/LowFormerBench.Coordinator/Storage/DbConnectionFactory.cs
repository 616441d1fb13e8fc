using System.Data.Common;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>
/// Opens connections to the coordinator's database, SQLite or PostgreSQL; the stores hold one and never name the engine
/// except through <see cref="Dialect"/> for the few expressions the two spell differently.
/// </summary>
public abstract class DbConnectionFactory
{
    // Columns are snake_case, row classes PascalCase.
    static DbConnectionFactory() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

    public abstract StorageEngine Engine { get; }

    /// <summary>Where the data is, for messages: a file path, or host:port/database (never a password).</summary>
    public abstract string Location { get; }

    public SqlDialect Dialect => Engine == StorageEngine.Postgres ? SqlDialect.Postgres : SqlDialect.Sqlite;

    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => OpenAsync(durable: true, cancellationToken);

    /// <summary>
    /// <paramref name="durable"/> false: a commit may skip waiting for the disk, for writes whose loss in a power cut is
    /// recovered (a lease). Engines that cannot honour it cheaply stay durable.
    /// </summary>
    public abstract Task<DbConnection> OpenAsync(bool durable, CancellationToken cancellationToken = default);

    /// <summary>
    /// The factory for a <c>--db</c> value: a PostgreSQL URL (<c>postgres://…</c>) or connection string (<c>Host=…;Database=…</c>),
    /// else a SQLite file path.
    /// </summary>
    public static DbConnectionFactory For(string database) =>
        PostgresAddress.IsPostgres(database) ? new PostgresConnectionFactory(database) : new SqliteConnectionFactory(database);
}
