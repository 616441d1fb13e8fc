using Microsoft.Data.Sqlite;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>
/// Opens connections to the coordinator's SQLite file. WAL lets the dashboard and the Control API read
/// while the scheduler writes; synchronous=FULL makes every acknowledged commit survive a power cut
/// (NORMAL could lose the last transactions, and an acknowledged result must never be lost).
/// </summary>
public sealed class SqliteConnectionFactory
{
    private readonly string _connectionString;

    // Columns are snake_case, row classes PascalCase.
    static SqliteConnectionFactory() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

    public SqliteConnectionFactory(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default) => OpenAsync(durable: true, cancellationToken);

    /// <summary>
    /// <paramref name="durable"/> false: commits on this connection do not wait for the disk (synchronous=NORMAL), for
    /// writes whose loss in a power cut is recovered (a lease). Every open sets the level again, pooled or not.
    /// </summary>
    public async Task<SqliteConnection> OpenAsync(bool durable, CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {(durable ? "FULL" : "NORMAL")}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
