using Xunit;

namespace LowFormerBench.FunctionalTests;

/// <summary>
/// <c>lfb ci</c> end to end (issue 6's checks): real coordinator and agent processes, real ONNX Runtime, real model files.
/// </summary>
public sealed class CiTests
{
    private static readonly TimeSpan Minutes3 = TimeSpan.FromMinutes(3);

    private static string Suite(string file, string provider = "cpu") => $$"""
        name: ci-functional
        models: [{name: net, file: {{file}}}]
        scenarios: [latency]
        batch_sizes: [1]
        resolutions: [64]
        providers: [{{provider}}]
        budget: {min_iterations: 30, max_iterations: 200, time_budget_s: 2, warmup_s: 0.3}
        """;

    // Slow (over a minute of real measurement: 73 s here at a load average of 27 on 2 cores), and the "identical passes"
    // step needs a host whose load does not change between the three main runs and the candidate: the verdict widens by
    // the run-to-run noise those main runs showed, and load that starts later looks like a regression (bench/false-alarms
    // saw 4 of 20 such runs flagged on this shared machine). The heavier model is judged against the level of the three
    // main runs, so one loaded baseline run no longer hides it.
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Ci_IdenticalThenHeavierModelThenNoAgent_ExitZeroOneTwo()
    {
        await using var coordinator = await CoordinatorProcess.StartAsync();
        await using var agent = coordinator.StartAgent("agent-1");
        await coordinator.Process.WaitForOutputAsync("agent-1", Minutes3);
        // Same display name, a model with 13 times the MACs behind it (335.7 M vs 25.7 M at 64 px): a real slowdown that
        // stands out even when a loaded host makes whole runs 3 times slower.
        await ExportAsync(coordinator, "mobilenetv2-1.0", "light.onnx");
        await ExportAsync(coordinator, "resnet50", "heavy.onnx");
        await File.WriteAllTextAsync(Path.Combine(coordinator.Directory, "light.yaml"), Suite("light.onnx"));
        await File.WriteAllTextAsync(Path.Combine(coordinator.Directory, "heavy.yaml"), Suite("heavy.onnx"));
        await File.WriteAllTextAsync(Path.Combine(coordinator.Directory, "gpu.yaml"), Suite("light.onnx", "cuda"));
        // Three runs on main: the baseline and the run-to-run noise. Their own verdicts against each other do not matter
        // here (a loaded CI host can slow one down), only that they ran.
        for (var i = 0; i < 3; i++)
        {
            var (code, output) = await coordinator.LfbAsync(Minutes3, "ci", "--suite", "light.yaml", "--branch", "main");
            Assert.True(code != 2, output);
        }

        var identical = await coordinator.LfbAsync(Minutes3, "ci", "--suite", "light.yaml", "--branch", "feature", "--markdown", "same.md");
        var heavier = await coordinator.LfbAsync(Minutes3, "ci", "--suite", "heavy.yaml", "--branch", "feature", "--junit", "heavy.xml");
        var noAgent = await coordinator.LfbAsync(Minutes3, "ci", "--suite", "gpu.yaml", "--branch", "feature", "--wait-for-agents", "3");

        Assert.True(identical.ExitCode == 0, identical.Output);
        Assert.Contains("campaign 3", await File.ReadAllTextAsync(Path.Combine(coordinator.Directory, "same.md")));
        Assert.True(heavier.ExitCode == 1, heavier.Output);
        Assert.Contains("slower than baseline campaign 3: net on agent-1: latency b1 64px fp32", heavier.Output);
        Assert.Contains("<failure type=\"slower\"", await File.ReadAllTextAsync(Path.Combine(coordinator.Directory, "heavy.xml")));
        Assert.True(noAgent.ExitCode == 2, noAgent.Output);
        Assert.Contains("no connected agent can run 1 job(s)", noAgent.Output);
        Assert.Contains("needs CUDAExecutionProvider", noAgent.Output);
    }

    private static async Task ExportAsync(CoordinatorProcess coordinator, string model, string file)
    {
        var (code, output) = await LfbProcess.RunAsync(coordinator.Directory, Minutes3, "models", "export", model, "-r", "64", "-o", file);
        Assert.True(code == 0, output);
    }
}
