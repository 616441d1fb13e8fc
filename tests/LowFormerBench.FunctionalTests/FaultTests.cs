using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LowFormerBench.FunctionalTests;

/// <summary>
/// Faults with real processes: agents and the coordinator killed with SIGKILL in the middle of a campaign. Every wait
/// polls a condition under a time-out and every process is killed on disposal, so each test stops by itself
/// (about 40 s each here).
/// </summary>
public sealed partial class FaultTests
{
    private static readonly TimeSpan Minutes3 = TimeSpan.FromMinutes(3);

    // Short leases so a dead agent's job is back in the queue within seconds.
    private static readonly Dictionary<string, string> ShortLeases = new()
    {
        ["Coordinator__LeaseTtlSeconds"] = "3",
        ["Coordinator__HeartbeatIntervalSeconds"] = "0.75",
    };

    [Fact]
    public async Task AgentKilledMidJob_LeaseLapses_JobRunsOnTheOtherAgentAndEachJobHasExactlyOneResult()
    {
        await using var coordinator = await CoordinatorProcess.StartAsync(ShortLeases);
        await using var doomed = coordinator.StartAgent("agent-1");
        await using var survivor = coordinator.StartAgent("agent-2");
        await coordinator.Process.WaitForOutputAsync("agent-1", Minutes3);
        await coordinator.Process.WaitForOutputAsync("agent-2", Minutes3);
        // Each job measures for 3 s (the iteration count cannot stop it earlier): long enough to be killed inside.
        var campaign = await SubmitAsync(coordinator, batches: [1, 2], timeBudgetSeconds: 3);

        var started = await doomed.WaitForMatchAsync(JobStarted(), Minutes3);
        var killedJob = long.Parse(started.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(0, await ScalarAsync<long>(coordinator, "SELECT COUNT(*) FROM results WHERE job_id = @killedJob", new { killedJob }));
        doomed.Kill();
        await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("succeeded", await WaitForCampaignAsync(coordinator, campaign));
        await using var db = await OpenAsync(coordinator);
        Assert.Equal((2L, 2L), await db.QuerySingleAsync<(long, long)>("SELECT COUNT(*), COUNT(DISTINCT job_id) FROM results"));
        var rerun = await db.QuerySingleAsync<(long Attempt, string Agent)>(
            "SELECT r.attempt, a.name FROM results r JOIN agents a ON a.id = r.agent_id WHERE r.job_id = @killedJob", new { killedJob });
        Assert.Equal((2L, "agent-2"), rerun);
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs WHERE state <> 'succeeded'"));
    }

    [Fact]
    public async Task CoordinatorKilledMidCampaign_RestartedOnSameDatabase_AgentsReconnectAndNoAcknowledgedResultIsLost()
    {
        await using var coordinator = await CoordinatorProcess.StartAsync(ShortLeases);
        await using var first = coordinator.StartAgent("agent-1");
        await using var second = coordinator.StartAgent("agent-2");
        await coordinator.Process.WaitForOutputAsync("agent-1", Minutes3);
        await coordinator.Process.WaitForOutputAsync("agent-2", Minutes3);
        int[] batches = [1, 2, 3, 4, 5, 6, 7, 8];
        var campaign = await SubmitAsync(coordinator, batches, timeBudgetSeconds: 1);

        // A result row is committed before its acknowledgement is sent: these are at least every acknowledged one.
        var acknowledged = await WaitForAsync(async () =>
        {
            await using var db = await OpenAsync(coordinator);
            var rows = (await db.QueryAsync<(long Id, long JobId, double P50)>("SELECT id, job_id, p50_ms FROM results")).ToList();
            return rows.Count >= 2 ? rows : null;
        }, Minutes3);
        Assert.True(acknowledged.Count < batches.Length, "the campaign finished before the crash; nothing was tested");
        await coordinator.CrashAndRestartAsync();

        await coordinator.Process.WaitForOutputAsync("agent-1", Minutes3);
        await coordinator.Process.WaitForOutputAsync("agent-2", Minutes3);
        Assert.Equal("succeeded", await WaitForCampaignAsync(coordinator, campaign));
        await using (var db = await OpenAsync(coordinator))
        {
            var after = (await db.QueryAsync<(long Id, long JobId, double P50)>("SELECT id, job_id, p50_ms FROM results")).ToList();
            Assert.Subset(after.ToHashSet(), acknowledged.ToHashSet());
            Assert.Equal(batches.Length, after.Count);
            Assert.Equal(batches.Length, after.Select(r => r.JobId).Distinct().Count());
        }

        Assert.False(first.HasExited || second.HasExited, "the agents should have survived the coordinator's crash");
        // An online backup of the running farm's database opens and holds every result.
        var (code, output) = await LfbProcess.RunAsync(coordinator.Directory, Minutes3, "db", "backup", "backup.db", "--db", "farm.db");
        Assert.True(code == 0, output);
        Assert.Contains("integrity_check ok", output);
        await using var backup = new SqliteConnection($"Data Source={Path.Combine(coordinator.Directory, "backup.db")};Mode=ReadOnly;Pooling=False");
        Assert.Equal(batches.Length, await backup.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM results"));
    }

    [Fact]
    public async Task AgentKilledDuringModelDownload_RestartedOnSameCache_ResumesAndVerifiesTheHash()
    {
        await using var coordinator = await CoordinatorProcess.StartAsync(ShortLeases);
        await using var doomed = coordinator.StartAgent("agent-1");
        await coordinator.Process.WaitForOutputAsync("agent-1", Minutes3);
        // LowFormer-B3 is 57 M parameters (about 230 MB at fp32) whatever the resolution: a download long enough to cut.
        var campaign = await SubmitAsync(coordinator, "lowformer-b3", batches: [1], timeBudgetSeconds: 1);
        var cache = Path.Combine(coordinator.Directory, "cache-agent-1");

        var cut = await WaitForAsync(() => Task.FromResult(Directory.Exists(cache)
            ? Directory.EnumerateFiles(cache, "*.partial").Select(f => new FileInfo(f)).FirstOrDefault(f => f.Length > 0)
            : null), Minutes3);
        doomed.Kill();
        await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var sha256 = Path.GetFileNameWithoutExtension(cut.Name);
        var expected = await ScalarAsync<long>(coordinator, "SELECT size_bytes FROM models WHERE sha256 = @sha256", new { sha256 });
        cut.Refresh();
        Assert.True(cut.Exists && cut.Length < expected, $"the download was not cut: {cut.Length} of {expected} bytes");

        await using var restarted = coordinator.StartAgent("agent-1");
        Assert.Equal("succeeded", await WaitForCampaignAsync(coordinator, campaign));
        var downloaded = await restarted.WaitForMatchAsync(ModelDownloaded(), Minutes3);
        Assert.Equal(sha256, downloaded.Groups[1].Value);
        Assert.True(long.Parse(downloaded.Groups[3].Value, CultureInfo.InvariantCulture) > 0, "the restarted agent began again from byte 0");
        Assert.Equal(expected, long.Parse(downloaded.Groups[2].Value, CultureInfo.InvariantCulture) + long.Parse(downloaded.Groups[3].Value, CultureInfo.InvariantCulture));
        var cached = Path.Combine(cache, sha256 + ".onnx");
        await using (var file = File.OpenRead(cached))
        {
            Assert.Equal(sha256, Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file)));
        }

        Assert.Empty(Directory.EnumerateFiles(cache, "*.partial"));
    }

    [GeneratedRegex(@"Model ([0-9a-f]{64}) downloaded: (\d+) bytes from offset (\d+)")]
    private static partial Regex ModelDownloaded();

    [GeneratedRegex(@"Job (\d+) attempt 1:")]
    private static partial Regex JobStarted();

    private static Task<long> SubmitAsync(CoordinatorProcess coordinator, int[] batches, int timeBudgetSeconds) =>
        SubmitAsync(coordinator, "mobilenetv3-large", batches, timeBudgetSeconds);

    private static async Task<long> SubmitAsync(CoordinatorProcess coordinator, string model, int[] batches, int timeBudgetSeconds)
    {
        var suite = $$"""
            name: faults
            models: [{{model}}]
            scenarios: [latency]
            batch_sizes: [{{string.Join(", ", batches)}}]
            resolutions: [64]
            budget: {min_iterations: 1000000, max_iterations: 1000000, time_budget_s: {{timeBudgetSeconds}}, warmup_s: 0.1}
            """;
        await File.WriteAllTextAsync(Path.Combine(coordinator.Directory, "suite.yaml"), suite);
        var (code, output) = await coordinator.LfbAsync(Minutes3, "submit", "suite.yaml");
        Assert.True(code == 0, output);
        return long.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
    }

    private static Task<string> WaitForCampaignAsync(CoordinatorProcess coordinator, long campaign) => WaitForAsync(async () =>
    {
        var state = await ScalarAsync<string>(coordinator, "SELECT state FROM campaigns WHERE id = @campaign", new { campaign });
        return state is "succeeded" or "failed" or "cancelled" ? state : null;
    }, Minutes3);

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> poll, TimeSpan timeout)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await poll() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the condition did not hold within {timeout}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<T?> ScalarAsync<T>(CoordinatorProcess coordinator, string sql, object parameters)
    {
        await using var db = await OpenAsync(coordinator);
        return await db.ExecuteScalarAsync<T>(sql, parameters);
    }

    // Read-only and unpooled: the test never holds the coordinator's file open between polls.
    private static async Task<SqliteConnection> OpenAsync(CoordinatorProcess coordinator)
    {
        var connection = new SqliteConnection($"Data Source={coordinator.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
