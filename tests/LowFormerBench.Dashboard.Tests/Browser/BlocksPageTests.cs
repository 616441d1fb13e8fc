using Microsoft.Playwright;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.Browser;

/// <summary>
/// A probe campaign end to end: a suite with <c>probes:</c> uploaded on the Campaigns page, built by the coordinator's zoo,
/// measured by a real agent with ONNX Runtime, and drawn on the Blocks page per family with the reference marked, with
/// PNG and SVG downloads. A reduced set (two families, six probes, short budgets) keeps it quick; the full paper-blocks set
/// runs in bench/probes. Screenshots: screenshots/blocks-*.png.
/// </summary>
public sealed class BlocksPageTests(FarmWithAgentFixture fixture) : IClassFixture<FarmWithAgentFixture>
{
    private const string Suite = """
        name: blocks-live
        probes:
          - {family: activation, activation: [relu, gelu], channels: 16, resolution: 16}
          - {family: conv, kernel: [3], groups: [4], channels: 16, resolution: 8}
        scenarios: [latency]
        batch_sizes: [1]
        providers: [cpu]
        budget: {min_iterations: 5, max_iterations: 20, time_budget_s: 1, warmup_s: 0.05}
        """;

    [Fact]
    public async Task ProbeSuiteUploaded_RealAgentMeasuresIt_BlocksPageDrawsEachFamilyAgainstItsReference()
    {
        var browser = fixture.RequireBrowser();
        var url = fixture.Farm.Url;
        await using var session = await PageSession.OpenAsync(browser, fixture.Farm.ErrorLogs);
        var page = session.Page;

        await session.GotoAsync(url + "campaigns");
        await page.SetInputFilesAsync("#suite-file", new FilePayload { Name = "blocks-live.yaml", MimeType = "application/x-yaml", Buffer = System.Text.Encoding.UTF8.GetBytes(Suite) });
        // Activation: relu (reference), gelu. Conv k3: standard (reference), depthwise, grouped-g4, pointwise.
        await Assertions.Expect(page.Locator("#suite-accepted")).ToContainTextAsync("'blocks-live' queued with 6 jobs", new() { Timeout = 300_000 });
        var bar = page.Locator("#campaigns tr:has-text('blocks-live') .progress-bar");
        await Assertions.Expect(bar).ToHaveTextAsync("100%", new() { Timeout = 600_000 });
        await Assertions.Expect(page.Locator("#campaigns tr:has-text('blocks-live')")).ToContainTextAsync("6 ok");

        await session.GotoAsync(url + "blocks");
        await Assertions.Expect(page.Locator("#filter-family option")).ToHaveCountAsync(2);
        await page.WaitForSelectorAsync("#plot-blocks-0 .js-plotly-plot");
        await Assertions.Expect(page.Locator(".block-panel")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".block-panel h2")).ToHaveTextAsync(FarmWithAgent.AgentName);
        var activation = await page.EvaluateAsync<string[][]>("() => document.getElementById('blocks-0').data.map(t => t.x)");
        Assert.Equal(["@16x16 relu"], activation[0]);
        Assert.Equal(["@16x16 gelu"], activation[1]);
        await session.ScreenshotAsync("blocks-activation");

        await page.SelectOptionAsync("#filter-family", "conv");
        await page.WaitForFunctionAsync("() => document.getElementById('blocks-0')?.data?.[1]?.x?.length === 3");
        var conv = await page.EvaluateAsync<string[][]>("() => document.getElementById('blocks-0').data.map(t => t.x)");
        Assert.Equal(["k3-s1@16x8 standard"], conv[0]);
        Assert.Equal(["k3-s1@16x8 depthwise", "k3-s1@16x8 grouped-g4", "k3-s1@16x8 pointwise"], conv[1]);
        var perGmac = await page.EvaluateAsync<double[]>("() => document.getElementById('blocks-0').data[1].y");
        Assert.All(perGmac, v => Assert.True(v > 0 && double.IsFinite(v), $"time per GMAC {v}"));
        var ratios = await page.EvaluateAsync<string[]>("() => document.getElementById('blocks-0').data[1].text");
        Assert.All(ratios, r => Assert.StartsWith("x", r, StringComparison.Ordinal));

        var svg = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#blocks-0-svg"));
        Assert.Equal("lowformerbench-blocks-0.svg", svg.SuggestedFilename);
        Assert.StartsWith("<svg", await File.ReadAllTextAsync(await svg.PathAsync()), StringComparison.Ordinal);
        var png = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#blocks-0-png"));
        Assert.Equal("lowformerbench-blocks-0.png", png.SuggestedFilename);
        await session.ScreenshotAsync("blocks-conv");
        session.AssertClean();
    }
}
