using Microsoft.Playwright;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.Browser;

/// <summary>
/// The dashboard over a farm doing real work: a suite uploaded on the Campaigns page is measured by a real agent
/// with ONNX Runtime, the progress bar reaches 100% without a reload, and every page then shows what was measured.
/// Screenshots land in the test output's screenshots/ folder, named farm-*.png.
/// </summary>
public sealed class RealAgentTests(FarmWithAgentFixture fixture) : IClassFixture<FarmWithAgentFixture>
{
    // Two small zoo models with published top-1 (the coordinator builds them on submit), at two small resolutions,
    // latency at batch 1 and throughput at batch 2, with a small budget: eight jobs, a minute or two on two shared cores.
    private const string Suite = """
        name: dashboard-live
        models: [mobilenetv2-1.0, mobilenetv3-large]
        scenarios: [latency, throughput]
        batch_sizes: {latency: [1], throughput: [2]}
        resolutions: [64, 96]
        precisions: [fp32]
        providers: [cpu]
        budget: {min_iterations: 5, max_iterations: 20, time_budget_s: 1, warmup_s: 0.05}
        """;

    private static readonly string[] Models = ["mobilenetv2-1.0", "mobilenetv3-large"];

    [Fact]
    public async Task SuiteUploadedFromPage_RealAgentMeasuresIt_EveryPageShowsTheResults()
    {
        var browser = fixture.RequireBrowser();
        var url = fixture.Farm.Url;
        await using var session = await PageSession.OpenAsync(browser, fixture.Farm.ErrorLogs);
        var page = session.Page;

        // Agents: the real agent, idle, with the temperature its heartbeats carry (47.5 °C from its thermal zone).
        await session.GotoAsync(url + "agents");
        var agentRow = page.Locator($"#agents tr:has-text('{FarmWithAgent.AgentName}')");
        await Assertions.Expect(agentRow).ToContainTextAsync("idle");
        await Assertions.Expect(agentRow.Locator(".temperature")).ToHaveTextAsync("47.5 °C");
        await Assertions.Expect(agentRow).ToContainTextAsync("CPUExecutionProvider");
        await session.ScreenshotAsync("farm-agents");

        // Campaigns: the suite as an uploaded file; the list's bar then moves to 100% by itself.
        await session.GotoAsync(url + "campaigns");
        // From memory, not a path: Chromium reads a chosen file only when the page reads it.
        await page.SetInputFilesAsync("#suite-file", new FilePayload { Name = "dashboard-live.yaml", MimeType = "application/x-yaml", Buffer = System.Text.Encoding.UTF8.GetBytes(Suite) });
        await Assertions.Expect(page.Locator("#suite-accepted")).ToContainTextAsync("'dashboard-live' queued with 8 jobs", new() { Timeout = 300_000 });
        var bar = page.Locator("#campaigns tr:has-text('dashboard-live') .progress-bar");
        await Assertions.Expect(bar).Not.ToHaveTextAsync("100%");
        await session.ScreenshotAsync("farm-campaigns-running");
        await Assertions.Expect(bar).ToHaveTextAsync("100%", new() { Timeout = 600_000 });
        await Assertions.Expect(page.Locator("#campaigns tr:has-text('dashboard-live')")).ToContainTextAsync("8 ok");
        await page.WaitForTimeoutAsync(800);
        await session.ScreenshotAsync("farm-campaigns-done");

        // Campaign: every job succeeded on the agent.
        await page.ClickAsync("#campaigns a:text('dashboard-live')");
        await Assertions.Expect(page.Locator("#jobs tbody tr")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator("#jobs tbody tr:has-text('succeeded')")).ToHaveCountAsync(8);
        await session.ScreenshotAsync("farm-campaign");

        // Results: the eight measured rows, counted by the database.
        await session.GotoAsync(url + "results");
        await Assertions.Expect(page.Locator("#result-count")).ToContainTextAsync("8 of 8 results");
        // The grid pads its page with empty rows: count the rows that hold a result.
        await Assertions.Expect(page.Locator("#results tbody tr:has(td:text-is('CPU'))")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator("#speedup-matrix tbody tr")).ToHaveCountAsync(2);
        await session.ScreenshotAsync("farm-results");

        // Plots: every measured model and resolution is a labelled point of the MACs-latency plot (trace 0 is the agent's
        // points). Top-1 is published for 224 px only, so these 64 and 96 px builds stay out of the accuracy plots.
        await session.GotoAsync(url + "plots");
        await page.WaitForSelectorAsync("#plot-macs-latency .js-plotly-plot");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.getElementById('speed-accuracy').data.reduce((n, t) => n + t.x.length, 0)"));
        var labels = await page.EvaluateAsync<string[]>("() => document.getElementById('macs-latency').data[0].text");
        Assert.Equal(4, labels.Length);
        foreach (var model in Models)
        {
            Assert.Equal(2, labels.Count(l => l.StartsWith(model + " ", StringComparison.Ordinal)));
        }

        await page.WaitForSelectorAsync("#plot-latency-resolution .js-plotly-plot");
        var lines = await page.EvaluateAsync<int[]>("() => document.getElementById('latency-resolution').data.map(t => t.x.length)");
        Assert.Equal([2, 2], lines);
        await Assertions.Expect(page.Locator("#correlations")).ToContainTextAsync($"{FarmWithAgent.AgentName}: Pearson r =");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#speed-accuracy-svg"));
        Assert.Equal("lowformerbench-speed-accuracy.svg", download.SuggestedFilename);
        var svg = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        var png = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#macs-latency-png"));
        Assert.Equal("lowformerbench-macs-latency.png", png.SuggestedFilename);
        await session.ScreenshotAsync("farm-plots");

        // Models: the two built models at both resolutions, then uploads: a file that is not ONNX is refused, a real one stored.
        await session.GotoAsync(url + "models");
        await Assertions.Expect(page.Locator("#models tbody tr")).ToHaveCountAsync(4);
        await page.SetInputFilesAsync("#model-file", new FilePayload { Name = "notes.onnx", MimeType = "application/octet-stream", Buffer = "not a model"u8.ToArray() });
        await Assertions.Expect(page.Locator("#model-upload-error")).ToContainTextAsync("notes.onnx was not stored");
        await Assertions.Expect(page.Locator("#model-upload-error")).ToContainTextAsync("is not an ONNX model");
        await session.ScreenshotAsync("farm-models-refused");
        var tiny = Google.Protobuf.MessageExtensions.ToByteArray(LowFormerBench.ModelZoo.TinyModel.Build());
        await page.SetInputFilesAsync("#model-file", new FilePayload { Name = "tiny-conv.onnx", MimeType = "application/octet-stream", Buffer = tiny });
        await Assertions.Expect(page.Locator("#model-uploaded")).ToContainTextAsync("stored 'tiny-conv'");
        await Assertions.Expect(page.Locator("#models tbody tr")).ToHaveCountAsync(5);
        await session.ScreenshotAsync("farm-models");
        session.AssertClean();
    }
}
