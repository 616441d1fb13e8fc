using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>
/// Opens connections to the coordinator's SQLite file. WAL lets the dashboard and the Control API read
/// while the scheduler writes; synchronous=FULL makes every acknowledged commit survive a power cut
/// (NORMAL could lose the last transactions, and an acknowledged result must never be lost).
/// </summary>
public sealed class SqliteConnectionFactory : DbConnectionFactory
{
    private readonly string _connectionString;

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

    public override StorageEngine Engine => StorageEngine.Sqlite;

    public override string Location => DatabasePath;

    /// <summary>Every open sets the synchronous level again, pooled or not.</summary>
    public override async Task<DbConnection> OpenAsync(bool durable, CancellationToken cancellationToken = default) =>
        await OpenSqliteAsync(durable, cancellationToken);

    public async Task<SqliteConnection> OpenSqliteAsync(bool durable = true, CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {(durable ? "FULL" : "NORMAL")}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
