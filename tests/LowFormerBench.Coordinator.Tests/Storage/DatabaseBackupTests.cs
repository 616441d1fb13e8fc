using Dapper;
using LowFormerBench.Coordinator.Storage;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LowFormerBench.Coordinator.Tests.Storage;

/// <summary>Online backups of a real WAL database while another connection keeps committing.</summary>
public sealed class DatabaseBackupTests
{
    [Fact]
    public async Task Backup_DuringWrites_EachCopyIsOneConsistentSnapshotThatOpens()
    {
        await using var database = await TempDatabase.CreateAsync();
        using var stop = new CancellationTokenSource();
        var committed = 0;
        // Each transaction writes two rows: a copy holding one without the other would be a torn snapshot.
        var writer = Task.Run(async () =>
        {
            var padding = new string('x', 4000);
            while (!stop.IsCancellationRequested)
            {
                await using var connection = await database.Connections.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                var n = committed + 1;
                foreach (var leg in new[] { "a", "b" })
                {
                    await connection.ExecuteAsync(
                        "INSERT INTO campaigns (name, suite_yaml, state, created_at_ms, metadata_json) VALUES (@name, @padding, 'queued', 0, '{}');",
                        new { name = $"tx-{n}-{leg}", padding }, transaction);
                }

                await transaction.CommitAsync();
                Interlocked.Exchange(ref committed, n);
            }
        });
        await WaitUntilAsync(() => Volatile.Read(ref committed) >= 50 || writer.IsCompleted);

        var copies = new List<(string Path, long Rows)>();
        for (var i = 0; i < 3; i++)
        {
            var path = Path.Combine(database.Directory, $"backup-{i}.db");
            var report = await DatabaseBackup.RunAsync(database.Sqlite.DatabasePath, path, overwrite: false);
            copies.Add((report.Path, report.Campaigns));
        }

        var atLastBackup = Volatile.Read(ref committed);
        await WaitUntilAsync(() => Volatile.Read(ref committed) >= atLastBackup + 10 || writer.IsCompleted);
        await stop.CancelAsync();
        await writer;

        foreach (var (path, rows) in copies)
        {
            await using var copy = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            await copy.OpenAsync();
            Assert.Equal("ok", await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check;"));
            var names = (await copy.QueryAsync<string>("SELECT name FROM campaigns")).ToHashSet();
            Assert.Equal(rows, names.Count);
            Assert.True(rows > 0 && rows % 2 == 0, $"{rows} rows: a transaction was torn");
            Assert.All(names, n => Assert.Contains(n[..^1] + (n.EndsWith('a') ? "b" : "a"), names));
            Assert.True(await copy.ExecuteScalarAsync<long>("SELECT MAX(version) FROM schema_migrations") >= 4);
            Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0, "the copy should be one self-contained file");
        }

        Assert.True(copies[^1].Rows < 2L * Volatile.Read(ref committed), "the writer kept committing after the backups");
        Assert.True(copies.Zip(copies.Skip(1)).All(p => p.First.Rows <= p.Second.Rows));
        Assert.Empty(Directory.GetFiles(database.Directory, "*.partial-*"));
    }

    [Fact]
    public async Task Backup_ExistingFileWithoutOverwrite_RefusedAndFileUntouched()
    {
        await using var database = await TempDatabase.CreateAsync();
        var path = Path.Combine(database.Directory, "keep.db");
        await File.WriteAllTextAsync(path, "an older backup");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => DatabaseBackup.RunAsync(database.Sqlite.DatabasePath, path, overwrite: false));

        Assert.Contains("--force", error.Message);
        Assert.Equal("an older backup", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Backup_SourceIsNotADatabase_RefusedAndNothingWritten()
    {
        await using var database = await TempDatabase.CreateAsync();
        var junk = Path.Combine(database.Directory, "junk.db");
        await File.WriteAllTextAsync(junk, new string('j', 8192));
        var path = Path.Combine(database.Directory, "out.db");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => DatabaseBackup.RunAsync(junk, path, overwrite: false));

        Assert.Contains("junk.db", error.Message);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(database.Directory, "*.partial-*"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }
}
