using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Coordinator.Tests.Postgres;

namespace LowFormerBench.Coordinator.Tests;

/// <summary>
/// A real, migrated database for one test: a SQLite file (WAL) in a fresh folder, or a new database on the test
/// PostgreSQL server; deleted afterwards (the folder, and the server with its databases at the end of the run).
/// </summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private TempDatabase(string directory, DbConnectionFactory connections)
    {
        Directory = directory;
        Connections = connections;
    }

    public string Directory { get; }

    public DbConnectionFactory Connections { get; }

    /// <summary>What <c>--db</c> would say for this database: the SQLite file, or the PostgreSQL connection string.</summary>
    public string Address { get; private init; } = "";

    /// <summary>The SQLite file's factory, for the SQLite-only checks (WAL, backups).</summary>
    public SqliteConnectionFactory Sqlite => (SqliteConnectionFactory)Connections;

    public static Task<TempDatabase> CreateAsync() => CreateAsync(StorageEngine.Sqlite, null);

    /// <param name="server">The assembly's PostgreSQL server; needed for <see cref="StorageEngine.Postgres"/> (the case skips without it).</param>
    public static async Task<TempDatabase> CreateAsync(StorageEngine engine, PostgresServer? server)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("lfb-db").FullName;
        var address = engine == StorageEngine.Postgres
            ? await (server ?? throw new ArgumentNullException(nameof(server), "a PostgreSQL case needs the PostgresServer fixture")).CreateDatabaseAsync()
            : Path.Combine(directory, "test.db");
        var database = new TempDatabase(directory, DbConnectionFactory.For(address)) { Address = address };
        await new Migrator(database.Connections).MigrateAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        if (Connections is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
