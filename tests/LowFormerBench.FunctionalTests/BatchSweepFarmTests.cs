using System.Text.Json;
using Xunit;

namespace LowFormerBench.FunctionalTests;

/// <summary>
/// A suite's batch_sweep on a real farm (coordinator and agent processes, ONNX Runtime): one throughput job per
/// batch, and the best batch per configuration even when some batches fail.
/// </summary>
public sealed class BatchSweepFarmTests
{
    private static readonly TimeSpan Minutes3 = TimeSpan.FromMinutes(3);

    // A model exported with a fixed batch of 2 cannot run batches 1 and 4: a real, permanent failure of two sweep
    // batches (as out of memory at a large batch is on a GPU), beside a model that runs every batch.
    private const string Suite = """
        name: sweep
        models: [efficientvit-b0, {name: fixed-batch-2, file: fixed-batch-2.onnx}]
        scenarios: [throughput]
        batch_sweep: [1, 2, 4]
        resolutions: [64]
        budget: {min_iterations: 3, max_iterations: 20, time_budget_s: 0.3, warmup_s: 0.1}
        """;

    [Fact]
    public async Task Sweep_OneJobPerBatch_BestBatchPerConfigurationAndFailedBatchesNamed()
    {
        await using var coordinator = await CoordinatorProcess.StartAsync();
        await using var agent = coordinator.StartAgent("agent-1");
        await coordinator.Process.WaitForOutputAsync("agent-1", Minutes3);
        var (exported, exportOutput) = await LfbProcess.RunAsync(coordinator.Directory, Minutes3,
            "models", "export", "efficientvit-b0", "--out", "fixed-batch-2.onnx", "--batch", "2", "--resolution", "64");
        Assert.True(exported == 0, exportOutput);
        await File.WriteAllTextAsync(Path.Combine(coordinator.Directory, "suite.yaml"), Suite);

        var (submitted, submitOutput) = await coordinator.LfbAsync(Minutes3, "submit", "suite.yaml", "--wait");

        // Two failed jobs: the campaign failed, and the summary after the wait still names each best batch.
        Assert.True(submitted == 1, submitOutput);
        Assert.Contains("Best throughput batch", submitOutput, StringComparison.Ordinal);
        var (code, json) = await coordinator.LfbAsync(Minutes3, "results", "--campaign", "1", "--best-batch", "--format", "json");
        Assert.True(code == 0, json);
        var rows = JsonDocument.Parse(json).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("model").GetString()!);
        Assert.Equal(["efficientvit-b0", "fixed-batch-2"], rows.Keys.Order());

        var full = rows["efficientvit-b0"];
        Assert.Equal("agent-1", full.GetProperty("agent").GetString());
        Assert.Equal(64, full.GetProperty("resolution").GetInt32());
        var batches = full.GetProperty("batches").EnumerateArray().ToList();
        Assert.Equal([1, 2, 4], batches.Select(b => b.GetProperty("batch").GetInt32()));
        Assert.All(batches, b => Assert.True(b.GetProperty("throughput_ips").GetDouble() > 0));
        var fastest = batches.MaxBy(b => b.GetProperty("throughput_ips").GetDouble());
        Assert.Equal(fastest.GetProperty("batch").GetInt32(), full.GetProperty("best_batch").GetInt32());
        Assert.Equal(fastest.GetProperty("throughput_ips").GetDouble(), full.GetProperty("best_throughput_ips").GetDouble());
        Assert.Empty(full.GetProperty("failed").EnumerateArray());

        var fixedBatch = rows["fixed-batch-2"];
        Assert.Equal(2, fixedBatch.GetProperty("best_batch").GetInt32());
        Assert.Equal([2], fixedBatch.GetProperty("batches").EnumerateArray().Select(b => b.GetProperty("batch").GetInt32()));
        var failed = fixedBatch.GetProperty("failed").EnumerateArray().ToList();
        Assert.Equal([1, 4], failed.Select(f => f.GetProperty("batch").GetInt32()));
        Assert.All(failed, f =>
        {
            Assert.Equal("failed", f.GetProperty("state").GetString());
            Assert.Contains("fixes the batch to 2", f.GetProperty("error").GetString(), StringComparison.Ordinal);
        });
        Assert.Empty(fixedBatch.GetProperty("pending").EnumerateArray());

        var (tableCode, table) = await coordinator.LfbAsync(Minutes3, "results", "--campaign", "1", "--best-batch");
        Assert.True(tableCode == 0, table);
        Assert.Contains("Best throughput batch", table, StringComparison.Ordinal);
        Assert.Contains("fixed-batch-2", table, StringComparison.Ordinal);
        Assert.Contains("fixes the batch to 2", table, StringComparison.Ordinal);
    }

    // lfb bench runs a suite on its own local farm (coordinator and agent in one process) and prints the same summary.
    [Fact]
    public async Task Bench_SuiteWithSweep_PrintsBestThroughputBatch()
    {
        var directory = Directory.CreateTempSubdirectory("lfb-bench-sweep-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "sweep.yaml"), """
                name: bench-sweep
                models: [efficientvit-b0]
                scenarios: [throughput]
                batch_sweep: 2
                resolutions: [64]
                budget: {min_iterations: 3, max_iterations: 20, time_budget_s: 0.3, warmup_s: 0.1}
                """);

            var (code, output) = await LfbProcess.RunAsync(directory, Minutes3, "bench", "--suite", "sweep.yaml", "--db", "bench.db");

            Assert.True(code == 0, output);
            Assert.Contains("Best throughput batch", output, StringComparison.Ordinal);
            Assert.Contains("efficientvit-b0", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task BestBatch_WithoutCampaign_ClearErrorAndExitCode()
    {
        await using var coordinator = await CoordinatorProcess.StartAsync();

        var (code, output) = await coordinator.LfbAsync(Minutes3, "results", "--best-batch");

        Assert.NotEqual(0, code);
        Assert.Contains("give --campaign ID", output, StringComparison.Ordinal);
    }
}
