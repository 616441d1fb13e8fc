using Dapper;
using Microsoft.Data.Sqlite;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>What a backup wrote: the file, its size and what it holds, after its integrity check passed.</summary>
public sealed record BackupReport(string Path, long Bytes, long Pages, long Campaigns, long Jobs, long Results, TimeSpan Elapsed);

/// <summary>
/// Online backup of the coordinator's database through SQLite's backup API, safe while the coordinator runs: in WAL
/// mode the copy is one consistent snapshot (every committed transaction up to its start, none half-written) and
/// writers are not blocked. The copy is written beside the destination, checked with PRAGMA integrity_check, and only
/// then moved into place, so a failed or interrupted backup never leaves a file that looks like a good one.
/// </summary>
public static class DatabaseBackup
{
    public static async Task<BackupReport> RunAsync(string sourcePath, string destinationPath, bool overwrite, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(sourcePath);
        var destination = Path.GetFullPath(destinationPath);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"there is no database at {source}; pass --db with the coordinator's database file (lfb up --db)");
        }

        if (string.Equals(source, destination, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"the backup file {destination} is the database itself; choose another file");
        }

        if (Directory.Exists(destination))
        {
            throw new InvalidDataException($"{destination} is a folder; give the backup a file name, e.g. {Path.Combine(destination, "lowformerbench-backup.db")}");
        }

        if (File.Exists(destination) && !overwrite)
        {
            throw new InvalidDataException($"{destination} already exists; pass --force to overwrite it, or choose another file");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var partial = $"{destination}.partial-{Guid.NewGuid():N}";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // ReadWrite without Create: a mistyped --db must not create an empty database, and reading a WAL database
            // needs its shared-memory file, which a read-only connection may not be able to create.
            await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder
                         {
                             DataSource = source, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30,
                         }.ToString()))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder
                         {
                             DataSource = partial, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false,
                         }.ToString()))
            {
                await from.OpenAsync(cancellationToken);
                await from.ExecuteAsync("PRAGMA busy_timeout = 30000;");
                await to.OpenAsync(cancellationToken);
                from.BackupDatabase(to);
            }

            var report = await VerifyAsync(partial, cancellationToken);
            File.Move(partial, destination, overwrite);
            return report with { Path = destination, Elapsed = clock.Elapsed };
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"backing up {source} failed: {e.Message}", e);
        }
        finally
        {
            foreach (var leftover in new[] { partial, $"{partial}-wal", $"{partial}-shm", $"{partial}-journal" })
            {
                File.Delete(leftover);
            }
        }
    }

    // The copy must pass a full integrity check and hold the coordinator's schema, or it is no backup.
    private static async Task<BackupReport> VerifyAsync(string path, CancellationToken cancellationToken)
    {
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        await copy.OpenAsync(cancellationToken);
        var problems = (await copy.QueryAsync<string>(new CommandDefinition("PRAGMA integrity_check;", cancellationToken: cancellationToken))).ToList();
        if (problems is not ["ok"])
        {
            throw new InvalidDataException($"the backup copy failed its integrity check: {string.Join("; ", problems.Take(5))}");
        }

        var tables = (await copy.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table';")).ToHashSet(StringComparer.Ordinal);
        if (!tables.Contains("schema_migrations") || !tables.Contains("jobs"))
        {
            throw new InvalidDataException("the source is not a LowFormerBench coordinator database (it has no jobs or schema_migrations table)");
        }

        // Leaves the copy self-contained: one file, no -wal beside it.
        await copy.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        var pages = await copy.ExecuteScalarAsync<long>("PRAGMA page_count;");
        var counts = await copy.QuerySingleAsync<(long Campaigns, long Jobs, long Results)>(
            "SELECT (SELECT COUNT(*) FROM campaigns), (SELECT COUNT(*) FROM jobs), (SELECT COUNT(*) FROM results);");
        await copy.CloseAsync();
        return new BackupReport(path, new FileInfo(path).Length, pages, counts.Campaigns, counts.Jobs, counts.Results, TimeSpan.Zero);
    }
}
