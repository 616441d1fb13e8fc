using System.Text.Json;
using LowFormerBench.Coordinator.Storage;
using Xunit;

namespace LowFormerBench.Cli.Tests;

/// <summary><c>lfb keys</c> on a real database file: create shows the key once, list never shows it, revoke takes effect.</summary>
public sealed class KeysCommandTests
{
    [Fact]
    public async Task CreateListRevoke_OnTheDatabaseFile()
    {
        var directory = Directory.CreateTempSubdirectory("lfb-keys");
        try
        {
            var db = Path.Combine(directory.FullName, "farm.db");
            var (created, key, advice) = await CliRun.RunAsync("keys", "create", "--db", db, "--role", "admin", "--name", "ops");
            var (_, agentToken, _) = await CliRun.RunAsync("keys", "create", "--db", db, "--role", "agent", "--name", "pi5");
            var (listed, json, _) = await CliRun.RunAsync("keys", "list", "--db", db, "--format", "json");
            var keys = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
            var adminId = keys.Single(k => k.GetProperty("name").GetString() == "ops").GetProperty("id").GetString()!;
            var store = new ApiKeyStore(new SqliteConnectionFactory(db), TimeProvider.System);
            var verifiedBefore = await store.VerifyAsync(key.Trim());
            var (revoked, _, _) = await CliRun.RunAsync("keys", "revoke", "--db", db, adminId);
            var (again, _, againError) = await CliRun.RunAsync("keys", "revoke", "--db", db, adminId);

            Assert.Equal(0, created);
            Assert.StartsWith("lfb_", key.Trim());
            Assert.Contains("Shown once", advice);
            Assert.StartsWith("lfb_", agentToken.Trim());
            Assert.Equal(0, listed);
            Assert.Equal(["admin", "agent"], keys.Select(k => k.GetProperty("role").GetString()).Order());
            Assert.DoesNotContain(key.Trim(), json);
            Assert.Equal("ops", verifiedBefore?.Name);
            Assert.Equal(0, revoked);
            Assert.Null(await store.VerifyAsync(key.Trim()));
            Assert.Equal(1, again);
            Assert.Contains("lfb keys list", againError);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Create_UnknownRole_ClearErrorNothingWritten()
    {
        var directory = Directory.CreateTempSubdirectory("lfb-keys");
        try
        {
            var db = Path.Combine(directory.FullName, "farm.db");
            var (code, output, error) = await CliRun.RunAsync("keys", "create", "--db", db, "--role", "root", "--name", "x");
            var (listCode, _, listError) = await CliRun.RunAsync("keys", "list", "--db", Path.Combine(directory.FullName, "missing.db"));

            Assert.Equal(1, code);
            Assert.Empty(output);
            Assert.Contains("unknown role 'root': use viewer, submitter, admin or agent", error);
            Assert.False(File.Exists(db));
            Assert.Equal(1, listCode);
            Assert.Contains("no database at", listError);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
