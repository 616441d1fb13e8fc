using Microsoft.Playwright;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.Browser;

/// <summary>Every page against the seeded coordinator: it renders the seeded data, loads cleanly, and leaves a screenshot.</summary>
public sealed class DashboardPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<PageSession> VisitAsync(string path, string screenshot, params string[] texts)
    {
        var session = await PageSession.OpenAsync(fixture.RequireBrowser(), fixture.Server);
        await session.GotoAsync(fixture.Server.Url + path);
        foreach (var text in texts)
        {
            await Assertions.Expect(session.Page.Locator("main")).ToContainTextAsync(text);
        }

        await session.ScreenshotAsync(screenshot);
        return session;
    }

    [Fact]
    public async Task Agents_ListsSeededAgentsOfflineWithDevice()
    {
        await using var session = await VisitAsync("agents", "agents", "x64-box", "pi5", "Cortex-A76", "offline", "CPUExecutionProvider");
        session.AssertClean();
    }

    [Fact]
    public async Task Campaigns_ListsBothWithProgressBars()
    {
        await using var session = await VisitAsync("campaigns", "campaigns", FarmSeed.FinishedCampaign, FarmSeed.QueuedCampaign);
        var bars = session.Page.Locator("#campaigns .progress-bar");
        await Assertions.Expect(bars).ToHaveCountAsync(2);
        await Assertions.Expect(bars.Nth(1)).ToHaveTextAsync("100%");
        await Assertions.Expect(bars.Nth(0)).ToHaveTextAsync("0%");
        session.AssertClean();
    }

    [Fact]
    public async Task Campaign_ShowsItsJobsWithAgents()
    {
        await using var session = await VisitAsync("campaigns/1", "campaign", FarmSeed.FinishedCampaign, "resnet18", "succeeded", "pi5");
        await Assertions.Expect(session.Page.Locator("#jobs tbody tr")).ToHaveCountAsync(8);
        session.AssertClean();
    }

    [Fact]
    public async Task Results_FilterByAgentThenCsvExportMatchesTheFilter()
    {
        await using var session = await VisitAsync("results", "results", "8 of 8 results", "lowformer-b0");
        await session.Page.SelectOptionAsync("#filter-agent", "pi5");
        await Assertions.Expect(session.Page.Locator("#result-count")).ToContainTextAsync("4 of 8 results");
        await session.ScreenshotAsync("results-filtered");

        var href = await session.Page.Locator("#csv-export").GetAttributeAsync("href");
        Assert.Equal("results.csv?agent=pi5", href);
        var csv = await (await session.Page.APIRequest.GetAsync(fixture.Server.Url + href)).TextAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.All(lines.Skip(1), line => Assert.Contains(",pi5,", line, StringComparison.Ordinal));

        // resnet18 5.2 ms vs lowformer-b0 4.1 ms on each agent (the seed's pi is 12x slower on both).
        await session.Page.SelectOptionAsync("#filter-agent", "");
        await session.Page.SelectOptionAsync("#filter-reference", "resnet18");
        await Assertions.Expect(session.Page.Locator("#speedup-matrix tr:has-text('lowformer-b0')")).ToContainTextAsync("1.27×");
        await session.ScreenshotAsync("results-matrix");
        session.AssertClean();
    }

    [Fact]
    public async Task Models_ZooAndUploadWithMacsConvention()
    {
        await using var session = await VisitAsync("models", "models", "lowformer-b0", "tiny-upload", "0.944 G", "78.4 %", "ptflops");
        session.AssertClean();
    }

    [Fact]
    public async Task Plots_BothChartsDrawnByLocalPlotlyWithCorrelation()
    {
        await using var session = await VisitAsync("plots", "plots-loading", "Pearson r", "x64-box");
        await session.Page.WaitForSelectorAsync("#plot-speed-accuracy .js-plotly-plot");
        await session.Page.WaitForSelectorAsync("#plot-macs-latency .js-plotly-plot");
        // Four models on each of two agents: every model measured shows as a point.
        await Assertions.Expect(session.Page.Locator("#plot-speed-accuracy .scatterlayer .point")).ToHaveCountAsync(8 + 6, new() { Timeout = 20_000 });
        // The seeded operator profile: one bar per operator type in each of the two traces (time share, MAC share).
        await session.Page.WaitForSelectorAsync("#plot-operator-share .js-plotly-plot");
        await Assertions.Expect(session.Page.Locator("#plot-operator-share .barlayer .point")).ToHaveCountAsync(3 * 2, new() { Timeout = 20_000 });
        await session.ScreenshotAsync("plots");
        session.AssertClean();
    }
}
