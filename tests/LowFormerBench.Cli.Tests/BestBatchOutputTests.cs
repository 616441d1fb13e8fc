using System.Text.Json;
using LowFormerBench.Cli.Commands.Farm;
using LowFormerBench.Cli.Rendering;
using LowFormerBench.Protos.V1;
using Spectre.Console;
using Xunit;

namespace LowFormerBench.Cli.Tests;

public sealed class BestBatchOutputTests
{
    private static JobInfo Job(string id, int batch, string state, string agent = "gpu-1", string error = "", string scenario = "throughput") => new()
    {
        Id = id, Model = "lowformer-b1", Scenario = scenario, Batch = batch, Resolution = 224, Precision = "fp16", Provider = "CUDAExecutionProvider",
        State = state, Agent = agent, Error = error,
    };

    private static ResultRow Result(string jobId, int batch, double ips, string scenario = "throughput") => new()
    {
        JobId = jobId, Model = "lowformer-b1", Agent = "gpu-1", Scenario = scenario, Batch = batch, Resolution = 224, Precision = "fp16",
        Provider = "CUDAExecutionProvider", Summary = new MeasurementSummary { ThroughputIps = ips },
    };

    private static readonly JobInfo[] Jobs =
    [
        Job("1", 1, "succeeded", scenario: "latency"), Job("2", 1, "succeeded"), Job("3", 64, "succeeded"), Job("4", 128, "succeeded"),
        Job("5", 256, "failed", error: "out of memory at batch 256 while measuring: Failed to allocate memory (agent gpu-1)"),
        Job("6", 512, "queued", agent: ""),
    ];

    private static readonly ResultRow[] Results = [Result("1", 1, 9000, "latency"), Result("2", 1, 800), Result("3", 64, 5200), Result("4", 128, 5100)];

    [Fact]
    public void Select_ProtoJobsAndResults_BestFailedPendingAndLatencyIgnored()
    {
        var row = Assert.Single(BestBatchQuery.Select(Jobs, Results));

        Assert.Equal(("gpu-1", 64, 5200.0), (row.Agent, row.Best!.Batch, row.Best.ImagesPerSecond));
        Assert.Equal([1, 64, 128], row.Measured.Select(m => m.Batch));
        Assert.Equal(256, Assert.Single(row.Failed).Batch);
        Assert.Equal(("queued", 512), (Assert.Single(row.Pending).State, row.Pending[0].Batch));
    }

    [Fact]
    public void Json_SnakeCaseFieldsScriptsCanRead()
    {
        var json = JsonSerializer.Serialize(BestBatchQuery.Select(Jobs, Results).Select(BestBatchRecord.From).ToList(), JsonOutput.Options);

        var row = Assert.Single(JsonDocument.Parse(json).RootElement.EnumerateArray());
        Assert.Equal(64, row.GetProperty("best_batch").GetInt32());
        Assert.Equal(5200, row.GetProperty("best_throughput_ips").GetDouble());
        Assert.Equal([1, 64, 128], row.GetProperty("batches").EnumerateArray().Select(b => b.GetProperty("batch").GetInt32()));
        Assert.StartsWith("out of memory at batch 256", row.GetProperty("failed")[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(512, row.GetProperty("pending")[0].GetProperty("batch").GetInt32());
    }

    [Fact]
    public void Table_BestOthersFailedAndPendingShown()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 400;

        console.Write(BestBatchTable.Build(BestBatchQuery.Select(Jobs, Results)));

        var text = writer.ToString();
        Assert.Contains("Best throughput batch", text, StringComparison.Ordinal);
        Assert.Contains("1: 800.0, 128: 5,100.0", text, StringComparison.Ordinal);
        Assert.Contains("5,200.0", text, StringComparison.Ordinal);
        Assert.Contains("256 failed: out of memory at batch 256", text, StringComparison.Ordinal);
        Assert.Contains("512 (queued)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "results", "--best-batch" }, "give --campaign ID")]
    [InlineData(new[] { "results", "--best-batch", "--campaign", "3", "--format", "csv" }, "use --format table or --format json")]
    public async Task Results_BestBatchMisused_ClearErrorBeforeAnyCall(string[] args, string expected)
    {
        var (code, _, error) = await CliRun.RunAsync([.. args, "--coordinator", "http://127.0.0.1:1"]);

        Assert.NotEqual(0, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
