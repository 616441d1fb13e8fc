using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Xunit;

namespace LowFormerBench.FunctionalTests;

/// <summary>The farm end to end with real processes: one coordinator, two agents, real gRPC on loopback, real ONNX Runtime.</summary>
public sealed class FarmTests
{
    private static readonly TimeSpan Minutes3 = TimeSpan.FromMinutes(3);

    // Two small models, both scenarios: four jobs of a few hundred milliseconds each.
    private const string Suite = """
        name: functional
        models: [efficientvit-b0, mobilenetv3-large]
        scenarios: [latency, throughput]
        batch_sizes: {latency: [1], throughput: [2]}
        budget: {min_iterations: 3, max_iterations: 20, time_budget_s: 0.5, warmup_s: 0.2}
        """;

    [Fact]
    public async Task Campaign_TwoAgentProcesses_EveryJobExactlyOneResultAndSecondCampaignDownloadsNothing()
    {
        await using var coordinator = await CoordinatorProcess.StartAsync();
        await using var first = coordinator.StartAgent("agent-1");
        await using var second = coordinator.StartAgent("agent-2");
        await coordinator.Process.WaitForOutputAsync("agent-1", Minutes3);
        await coordinator.Process.WaitForOutputAsync("agent-2", Minutes3);
        await File.WriteAllTextAsync(Path.Combine(coordinator.Directory, "suite.yaml"), Suite);

        var (submitted, submitOutput) = await coordinator.LfbAsync(Minutes3, "submit", "suite.yaml", "--wait");
        Assert.True(submitted == 0, submitOutput);
        var downloadedAfterFirst = await DownloadedBytesAsync(coordinator);
        var (again, againOutput) = await coordinator.LfbAsync(Minutes3, "submit", "suite.yaml", "--wait");
        Assert.True(again == 0, againOutput);

        var (code, json) = await coordinator.LfbAsync(Minutes3, "results", "--campaign", "1", "--format", "json");
        Assert.Equal(0, code);
        var results = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(4, results.Count);
        Assert.All(results, r =>
        {
            Assert.Contains(r.GetProperty("agent").GetString(), new[] { "agent-1", "agent-2" });
            Assert.True(r.GetProperty("p50_ms").GetDouble() > 0);
            Assert.True(r.GetProperty("p90_ms").GetDouble() >= r.GetProperty("p50_ms").GetDouble());
            Assert.True(r.GetProperty("throughput_ips").GetDouble() > 0);
            // The time budget wins over min_iterations (StopRule): on a loaded machine one sample may be all that fits.
            Assert.True(r.GetProperty("samples").GetInt32() >= 1);
        });
        Assert.Equal([1, 2], results.Select(r => r.GetProperty("batch").GetInt32()).Distinct().Order());

        await using var db = new SqliteConnection($"Data Source={coordinator.DatabasePath};Mode=ReadOnly");
        await db.OpenAsync();
        Assert.Equal(8, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs WHERE state = 'succeeded'"));
        Assert.Equal(8, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM results"));
        Assert.Equal(8, await db.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT job_id) FROM results"));
        Assert.Equal(8, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM result_samples s JOIN results r ON r.id = s.result_id " +
            "WHERE s.count >= 1 AND s.count = r.samples AND length(s.samples_ms) = 8 * s.count"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM results r JOIN jobs j ON j.id = r.job_id WHERE j.campaign_id = 2 AND r.model_from_cache = 0 " +
            "AND EXISTS (SELECT 1 FROM results r1 JOIN jobs j1 ON j1.id = r1.job_id WHERE j1.campaign_id = 1 AND r1.agent_id = r.agent_id AND j1.model_sha256 = j.model_sha256)"));
        Assert.Equal(downloadedAfterFirst, await DownloadedBytesAsync(coordinator));
    }

    [Fact]
    public async Task Agent_WrongToken_RefusedWithClearErrorAndExitCode()
    {
        await using var coordinator = await CoordinatorProcess.StartAsync();
        await using var agent = coordinator.StartAgent("intruder", token: "not-the-token");

        var exitCode = await agent.WaitForExitAsync(Minutes3);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("token", agent.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("rejected", coordinator.Process.Output + agent.Output, StringComparison.OrdinalIgnoreCase);
        var (code, agents) = await coordinator.LfbAsync(Minutes3, "agents", "--format", "json");
        Assert.Equal(0, code);
        Assert.Empty(JsonDocument.Parse(agents).RootElement.EnumerateArray());
    }

    private static async Task<long> DownloadedBytesAsync(CoordinatorProcess coordinator)
    {
        var (_, json) = await coordinator.LfbAsync(Minutes3, "agents", "--format", "json");
        return JsonDocument.Parse(json).RootElement.EnumerateArray().Sum(a => a.GetProperty("downloaded_bytes").GetInt64());
    }
}
