using System.Globalization;
using Dapper;
using LowFormerBench.Coordinator.Tests.Postgres;
using Npgsql;
using Xunit;

namespace LowFormerBench.FunctionalTests;

/// <summary>
/// The coordinator as a real process on a real PostgreSQL database (<c>lfb up --db Host=…</c>), killed with SIGKILL
/// mid-campaign and started again on the same database: its scheduler lock goes with its session, the successor takes
/// over, agents reconnect, and every job ends with exactly one result, none acknowledged before the crash lost.
/// </summary>
public sealed class PostgresFaultTests(PostgresServer postgres)
{
    private static readonly TimeSpan Minutes3 = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task CoordinatorOnPostgresKilledMidCampaign_Restarted_EveryJobHasExactlyOneResult()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var coordinator = await CoordinatorProcess.StartAsync(new Dictionary<string, string>
        {
            ["Coordinator__LeaseTtlSeconds"] = "3",
            ["Coordinator__HeartbeatIntervalSeconds"] = "0.75",
        }, database);
        await using var first = coordinator.StartAgent("agent-1");
        await using var second = coordinator.StartAgent("agent-2");
        await coordinator.Process.WaitForOutputAsync("agent-1", Minutes3);
        await coordinator.Process.WaitForOutputAsync("agent-2", Minutes3);
        int[] batches = [1, 2, 3, 4, 5, 6, 7, 8];
        var campaign = await SubmitAsync(coordinator, batches);

        List<(long Id, long JobId, double P50)> acknowledged;
        try
        {
            acknowledged = await WaitForAsync(async () =>
            {
                var rows = await ResultsAsync(database);
                return rows.Count >= 2 ? rows : null;
            }, TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; coordinator said:\n{coordinator.Process.Output}\nagent-1 said:\n{first.Output}", e);
        }

        Assert.True(acknowledged.Count < batches.Length, "the campaign finished before the crash; nothing was tested");
        await coordinator.CrashAndRestartAsync();

        await WaitForAsync(async () =>
        {
            await using var db = new NpgsqlConnection(database);
            var state = await db.ExecuteScalarAsync<string>("SELECT state FROM campaigns WHERE id = @campaign", new { campaign });
            return state is "succeeded" or "failed" or "cancelled" ? state : null;
        });
        var after = await ResultsAsync(database);
        Assert.Subset(after.ToHashSet(), acknowledged.ToHashSet());
        Assert.Equal(batches.Length, after.Count);
        Assert.Equal(batches.Length, after.Select(r => r.JobId).Distinct().Count());
        await using (var db = new NpgsqlConnection(database))
        {
            Assert.Equal("succeeded", await db.ExecuteScalarAsync<string>("SELECT state FROM campaigns WHERE id = @campaign", new { campaign }));
        }

        Assert.False(first.HasExited || second.HasExited, "the agents should have survived the coordinator's crash");
    }

    private static async Task<List<(long Id, long JobId, double P50)>> ResultsAsync(string database)
    {
        await using var db = new NpgsqlConnection(database);
        return [.. await db.QueryAsync<(long Id, long JobId, double P50)>("SELECT id, job_id, p50_ms FROM results")];
    }

    private static async Task<long> SubmitAsync(CoordinatorProcess coordinator, int[] batches)
    {
        var suite = $$"""
            name: faults
            models: [mobilenetv3-large]
            scenarios: [latency]
            batch_sizes: [{{string.Join(", ", batches)}}]
            resolutions: [64]
            budget: {min_iterations: 1000000, max_iterations: 1000000, time_budget_s: 1, warmup_s: 0.1}
            """;
        await File.WriteAllTextAsync(Path.Combine(coordinator.Directory, "suite.yaml"), suite);
        var (code, output) = await coordinator.LfbAsync(Minutes3, "submit", "suite.yaml");
        Assert.True(code == 0, output);
        return long.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> poll, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? Minutes3);
        while (true)
        {
            if (await poll() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the condition did not hold within {timeout ?? Minutes3}");
            }

            await Task.Delay(100);
        }
    }
}
