using Xunit;

namespace LowFormerBench.FunctionalTests;

/// <summary>
/// <c>lfb ci</c> end to end (issue 6's checks): real coordinator and agent processes, real ONNX Runtime, real model files,
/// over one farm with one run on main as the baseline. None of these verdicts depends on the host's load: a paired run
/// measures both sides in the same window, the heavier model has 13 times the MACs (335.7 M vs 25.7 M at 64 px), and a
/// missing agent is no measurement at all.
/// </summary>
public sealed class CiTests(CiFarm farm) : IClassFixture<CiFarm>
{
    [Fact]
    public async Task Ci_PairedIdenticalCandidate_ExitZero()
    {
        var (code, output) = await farm.Coordinator.LfbAsync(CiFarm.Minutes3, "ci", "--suite", "light.yaml", "--branch", "feature", "--paired",
            "--markdown", "same.md");

        Assert.True(code == 0, output);
        Assert.Contains($"paired with baseline campaign {farm.Baseline}", output);
        var markdown = await File.ReadAllTextAsync(Path.Combine(farm.Coordinator.Directory, "same.md"));
        Assert.Contains("1 of 1 row(s) paired", markdown);
        Assert.Contains("(paired)", markdown);
    }

    [Fact]
    public async Task Ci_HeavierModelPaired_ExitOneNamingTheRow()
    {
        var (code, output) = await farm.Coordinator.LfbAsync(CiFarm.Minutes3, "ci", "--suite", "heavy.yaml", "--branch", "feature", "--paired",
            "--junit", "heavy-paired.xml");

        Assert.True(code == 1, output);
        Assert.Contains($"slower than baseline campaign {farm.Baseline}: net on agent-1: latency b1 64px fp32", output);
        Assert.Contains("<failure type=\"slower\" message=\"slower (paired)", await File.ReadAllTextAsync(Path.Combine(farm.Coordinator.Directory, "heavy-paired.xml")));
    }

    [Fact]
    public async Task Ci_HeavierModelUnpaired_ExitOneNamingTheRow()
    {
        var (code, output) = await farm.Coordinator.LfbAsync(CiFarm.Minutes3, "ci", "--suite", "heavy.yaml", "--branch", "feature", "--junit", "heavy.xml");

        Assert.True(code == 1, output);
        Assert.Contains($"slower than baseline campaign {farm.Baseline}: net on agent-1: latency b1 64px fp32", output);
        Assert.Contains("<failure type=\"slower\" message=\"slower:", await File.ReadAllTextAsync(Path.Combine(farm.Coordinator.Directory, "heavy.xml")));
    }

    [Fact]
    public async Task Ci_NoMatchingAgent_ExitTwo()
    {
        var (code, output) = await farm.Coordinator.LfbAsync(CiFarm.Minutes3, "ci", "--suite", "gpu.yaml", "--branch", "feature", "--wait-for-agents", "3");

        Assert.True(code == 2, output);
        Assert.Contains("no connected agent can run 1 job(s)", output);
        Assert.Contains("needs CUDAExecutionProvider", output);
    }

    // Slow, and load-sensitive: an unpaired identical candidate is judged against the level of the main runs widened by
    // their run-to-run noise, so load that starts after those runs looks like a regression (bench/false-alarms saw 4 of
    // 20 such runs flagged on this shared machine). The paired test above is the one CI relies on.
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Ci_UnpairedIdenticalAfterThreeMainRuns_ExitZero()
    {
        await using var coordinator = await CoordinatorProcess.StartAsync();
        await using var agent = coordinator.StartAgent("agent-1");
        await coordinator.Process.WaitForOutputAsync("agent-1", CiFarm.Minutes3);
        await CiFarm.ExportAsync(coordinator, "mobilenetv2-1.0", "light.onnx");
        await File.WriteAllTextAsync(Path.Combine(coordinator.Directory, "light.yaml"), CiFarm.Suite("light.onnx"));
        for (var i = 0; i < 3; i++)
        {
            var (code, output) = await coordinator.LfbAsync(CiFarm.Minutes3, "ci", "--suite", "light.yaml", "--branch", "main");
            Assert.True(code != 2, output);
        }

        var identical = await coordinator.LfbAsync(CiFarm.Minutes3, "ci", "--suite", "light.yaml", "--branch", "feature", "--markdown", "same.md");

        Assert.True(identical.ExitCode == 0, identical.Output);
        Assert.Contains("campaign 3", await File.ReadAllTextAsync(Path.Combine(coordinator.Directory, "same.md")));
    }
}

/// <summary>A coordinator and one agent, the light and heavy model files, and one run of the light suite on main (the baseline).</summary>
public sealed class CiFarm : IAsyncLifetime
{
    public static readonly TimeSpan Minutes3 = TimeSpan.FromMinutes(3);

    private LfbProcess? _agent;

    public CoordinatorProcess Coordinator { get; private set; } = null!;

    /// <summary>The main run's campaign id.</summary>
    public long Baseline { get; private set; }

    public static string Suite(string file, string provider = "cpu") => $$"""
        name: ci-functional
        models: [{name: net, file: {{file}}}]
        scenarios: [latency]
        batch_sizes: [1]
        resolutions: [64]
        providers: [{{provider}}]
        budget: {min_iterations: 30, max_iterations: 200, time_budget_s: 2, warmup_s: 0.3}
        """;

    public static async Task ExportAsync(CoordinatorProcess coordinator, string model, string file)
    {
        var (code, output) = await LfbProcess.RunAsync(coordinator.Directory, Minutes3, "models", "export", model, "-r", "64", "-o", file);
        Assert.True(code == 0, output);
    }

    public async ValueTask InitializeAsync()
    {
        Coordinator = await CoordinatorProcess.StartAsync();
        _agent = Coordinator.StartAgent("agent-1");
        await Coordinator.Process.WaitForOutputAsync("agent-1", Minutes3);
        // Same display name, a model with 13 times the MACs behind it: a real slowdown.
        await ExportAsync(Coordinator, "mobilenetv2-1.0", "light.onnx");
        await ExportAsync(Coordinator, "resnet50", "heavy.onnx");
        await File.WriteAllTextAsync(Path.Combine(Coordinator.Directory, "light.yaml"), Suite("light.onnx"));
        await File.WriteAllTextAsync(Path.Combine(Coordinator.Directory, "heavy.yaml"), Suite("heavy.onnx"));
        await File.WriteAllTextAsync(Path.Combine(Coordinator.Directory, "gpu.yaml"), Suite("light.onnx", "cuda"));
        var (code, output) = await Coordinator.LfbAsync(Minutes3, "ci", "--suite", "light.yaml", "--branch", "main");
        Assert.True(code == 0, output);
        var submitted = System.Text.RegularExpressions.Regex.Match(output, @"campaign (\d+) 'ci-functional' submitted");
        Assert.True(submitted.Success, output);
        Baseline = long.Parse(submitted.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        if (Coordinator is not null)
        {
            await Coordinator.DisposeAsync();
        }
    }
}
