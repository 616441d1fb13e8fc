using System.Text.Json;
using Xunit;

namespace LowFormerBench.Cli.Tests;

/// <summary><c>lfb measure</c> on a real zoo model with tiny budgets; structure only, never speed.</summary>
public sealed class MeasureCommandTests
{
    [Fact]
    public async Task Measure_ProfileJson_OperatorSharesSumToOne()
    {
        var (code, output, error) = await CliRun.RunAsync(
            "measure", "lowformer-b0", "--resolution", "64", "--threads", "1", "--time-budget", "0.3", "--profile", "--profile-runs", "2", "--format", "json");

        Assert.True(code == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.True(report.GetProperty("p50_ms").GetDouble() > 0);
        var profile = report.GetProperty("operator_profile");
        Assert.Equal(2, profile.GetProperty("profiled_runs").GetInt32());
        var operators = profile.GetProperty("operators").EnumerateArray().ToList();
        Assert.Equal(1.0, operators.Sum(o => o.GetProperty("time_share").GetDouble()), 6);
        Assert.Equal(1.0, operators.Sum(o => o.GetProperty("mac_share").GetDouble()), 6);
        Assert.Contains(operators, o => o.GetProperty("op_type").GetString() == "Conv (depthwise)");
        Assert.NotEmpty(profile.GetProperty("nodes").EnumerateArray());
    }

    [Fact]
    public async Task Measure_WithoutProfile_JsonHasNullProfile()
    {
        var (code, output, error) = await CliRun.RunAsync(
            "measure", "lowformer-b0", "--resolution", "64", "--threads", "1", "--time-budget", "0.2", "--format", "json");

        Assert.True(code == 0, error);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(output).RootElement.GetProperty("operator_profile").ValueKind);
    }

    [Fact]
    public async Task Measure_ThisMachineWithoutASensor_EnergyNotMeasuredNeverZero()
    {
        // This development VM has no /sys/class/powercap and no GPU: no sensor, so energy is absent and says why.
        if (Directory.Exists("/sys/class/powercap") || File.Exists("/dev/nvidiactl"))
        {
            Assert.Skip("this machine has a power sensor (RAPL or an NVIDIA GPU)");
        }

        var (code, output, error) = await CliRun.RunAsync(
            "measure", "lowformer-b0", "--resolution", "64", "--threads", "1", "--time-budget", "0.2", "--format", "json");

        Assert.True(code == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.NotEqual(JsonValueKind.Number, report.TryGetProperty("mean_power_w", out var power) ? power.ValueKind : JsonValueKind.Undefined);
        Assert.StartsWith("not measured: ", report.GetProperty("energy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measure_Fp16BuiltInModel_RunsAtFp16()
    {
        var (code, output, error) = await CliRun.RunAsync(
            "measure", "resnet18", "--resolution", "32", "--threads", "1", "--time-budget", "0.2", "--precision", "fp16", "--format", "json");

        Assert.True(code == 0, error);
        Assert.True(JsonDocument.Parse(output).RootElement.GetProperty("p50_ms").GetDouble() > 0);
    }

    [Fact]
    public async Task Measure_BatchSweepJson_EveryBatchAndTheBest()
    {
        var (code, output, error) = await CliRun.RunAsync(
            "measure", "lowformer-b0", "--resolution", "64", "--threads", "1", "--time-budget", "0.2", "--batch-sweep", "1,2", "--format", "json");

        Assert.True(code == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        var batches = report.GetProperty("batches").EnumerateArray().ToList();
        Assert.Equal([1, 2], batches.Select(b => b.GetProperty("batch").GetInt32()));
        Assert.All(batches, b => Assert.Equal("throughput", b.GetProperty("scenario").GetString()));
        var best = batches.MaxBy(b => b.GetProperty("throughput_ips").GetDouble());
        Assert.Equal(best.GetProperty("batch").GetInt32(), report.GetProperty("best_batch").GetInt32());
    }

    [Fact]
    public async Task Measure_BadBatchSweep_ClearErrorNoMeasurement()
    {
        var (code, _, error) = await CliRun.RunAsync("measure", "lowformer-b0", "--resolution", "64", "--batch-sweep", "1,x");

        Assert.NotEqual(0, code);
        Assert.Contains("1,2,4,8", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measure_OptionsJson_RecordedWithEveryDefault()
    {
        var (code, output, error) = await CliRun.RunAsync(
            "measure", "lowformer-b0", "--resolution", "64", "--time-budget", "0.2", "--option", "intra_op_num_threads=1",
            "-o", "graph_optimization_level=Basic", "--format", "json");

        Assert.True(code == 0, error);
        var options = JsonDocument.Parse(output).RootElement.GetProperty("provider_options");
        Assert.Equal("1", options.GetProperty("intra_op_num_threads").GetString());
        Assert.Equal("basic", options.GetProperty("graph_optimization_level").GetString());
        Assert.Equal("1", options.GetProperty("session.intra_op.allow_spinning").GetString());
    }

    [Fact]
    public async Task Measure_CudaHostBindingOnThisCpuBuild_OptionsAcceptedThenProviderMissing()
    {
        var (code, _, error) = await CliRun.RunAsync(
            "measure", "lowformer-b0", "--resolution", "64", "--provider", "cuda", "--option", "io_binding=host", "--option", "cudnn_conv_algo_search=HEURISTIC");

        Assert.NotEqual(0, code);
        Assert.Contains("CUDAExecutionProvider is not in this ONNX Runtime native library", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("io_binding=gpu", "io_binding must be one of device, host, got 'gpu'")]
    [InlineData("enable_cuda_graph=1 --option io_binding=host", "enable_cuda_graph=1 needs inputs and outputs bound in GPU memory")]
    [InlineData("io_binding", "--option expects key=value")]
    public async Task Measure_BadCudaOption_ClearErrorNoMeasurement(string options, string expected)
    {
        var (code, _, error) = await CliRun.RunAsync(
            ["measure", "lowformer-b0", "--resolution", "64", "--provider", "cuda", "--option", .. options.Split(' ')]);

        Assert.NotEqual(0, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Measure_ThreadsAndOptionDisagree_SaysGiveOne()
    {
        var (code, _, error) = await CliRun.RunAsync(
            "measure", "lowformer-b0", "--resolution", "64", "--threads", "2", "--option", "intra_op_num_threads=1");

        Assert.NotEqual(0, code);
        Assert.Contains("--threads 2 and --option intra_op_num_threads=1 disagree", error, StringComparison.Ordinal);
    }
}
