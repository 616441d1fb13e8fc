using Dapper;
using LowFormerBench.Coordinator.Storage;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LowFormerBench.Cli.Tests;

/// <summary><c>lfb db backup</c> through the real command tree, on real SQLite files.</summary>
public sealed class DbCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lfb-db-cli").FullName;

    [Fact]
    public async Task Backup_WritesAVerifiedCopyAndSaysWhere_RefusesToOverwriteWithoutForce()
    {
        var source = Path.Combine(_directory, "farm.db");
        await new Migrator(new SqliteConnectionFactory(source)).MigrateAsync();
        var backup = Path.Combine(_directory, "copies", "farm-backup.db");

        var (code, output, error) = await CliRun.RunAsync("db", "backup", backup, "--db", source);
        var (again, _, refusal) = await CliRun.RunAsync("db", "backup", backup, "--db", source);
        var (forced, _, _) = await CliRun.RunAsync("db", "backup", backup, "--db", source, "--force");

        Assert.Equal((0, ""), (code, error));
        Assert.Contains($"to {backup}", output);
        Assert.Contains("integrity_check ok", output);
        Assert.Equal(1, again);
        Assert.Contains("already exists; pass --force", refusal);
        Assert.Equal(0, forced);
        await using var copy = new SqliteConnection($"Data Source={backup};Mode=ReadOnly;Pooling=False");
        Assert.True(await copy.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations") > 0);
    }

    [Fact]
    public async Task Backup_NoDatabaseAtDb_ClearErrorAndNoFileCreated()
    {
        var missing = Path.Combine(_directory, "typo.db");

        var (code, _, error) = await CliRun.RunAsync("db", "backup", Path.Combine(_directory, "out.db"), "--db", missing);

        Assert.Equal(1, code);
        Assert.Contains($"there is no database at {missing}", error);
        Assert.False(File.Exists(missing));
        Assert.False(File.Exists(Path.Combine(_directory, "out.db")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
