using System.Text.RegularExpressions;
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
        await Assertions.Expect(session.Page.Locator("#campaigns .progress-text").Nth(0)).ToHaveTextAsync("0 of 1 jobs run (0%)");
        await Assertions.Expect(session.Page.Locator("#campaigns .progress-text").Nth(1)).ToHaveTextAsync("8 of 8 jobs run (100%)");
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
        // At 1400 px nothing scrolls sideways, names do not wrap, and every time column says its unit.
        Assert.True(await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page overflows 1400 px");
        Assert.True(await session.Page.EvaluateAsync<bool>("() => { const g = document.querySelector('.results-grid'); return g.scrollWidth <= g.clientWidth; }"),
            "the results grid is wider than the page: " + await session.Page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('#results thead th')].map(t => t.textContent.trim() + '=' + Math.round(t.getBoundingClientRect().width)).join(', ') + ' grid ' + document.querySelector('.results-grid').scrollWidth + '/' + document.querySelector('.results-grid').clientWidth"));
        var firstModel = session.Page.Locator("#results tbody tr td").First;
        Assert.True((await firstModel.BoundingBoxAsync())!.Height < 30, "model names wrap");
        var headers = await session.Page.Locator("#results thead th").AllTextContentsAsync();
        foreach (var header in new[] { "p50 (ms)", "95% CI (ms)", "p99 (ms)", "Campaign", "Measured" })
        {
            Assert.Contains(headers, h => h.Contains(header, StringComparison.Ordinal));
        }

        await Assertions.Expect(session.Page.Locator("#results tbody tr").First).ToContainTextAsync("#1");
        await Assertions.Expect(session.Page.Locator("#matrix-scope")).ToContainTextAsync("at 224 px; from campaign #1");
        await session.Page.SelectOptionAsync("#filter-agent", "pi5");
        await Assertions.Expect(session.Page.Locator("#result-count")).ToContainTextAsync("4 of 8 results");
        // The filter lives in the address: back undoes it, and the link opens the same view.
        await Assertions.Expect(session.Page).ToHaveURLAsync(new Regex("results\\?agent=pi5$"));
        await session.Page.GoBackAsync();
        await Assertions.Expect(session.Page.Locator("#result-count")).ToContainTextAsync("8 of 8 results");
        await session.GotoAsync(fixture.Server.Url + "results?agent=pi5");
        await Assertions.Expect(session.Page.Locator("#result-count")).ToContainTextAsync("4 of 8 results");
        await Assertions.Expect(session.Page.Locator("#filter-agent")).ToHaveValueAsync("pi5");
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
        await Assertions.Expect(session.Page).ToHaveURLAsync(new Regex("results\\?reference=resnet18$"));
        await Assertions.Expect(session.Page.Locator("#speedup-matrix tr:has-text('lowformer-b0')")).ToContainTextAsync("1.27×");
        await session.ScreenshotAsync("results-matrix");
        var svg = await (await session.Page.APIRequest.GetAsync(fixture.Server.Url + await session.Page.Locator("#matrix-svg").GetAttributeAsync("href"))).TextAsync();
        Assert.Contains("Speed-up against resnet18", svg, StringComparison.Ordinal);
        Assert.Equal(4 * 2, System.Text.RegularExpressions.Regex.Count(svg, "class=\"matrix-cell\""));
        session.AssertClean();
    }

    [Fact]
    public async Task Models_ZooAndUploadWithMacsConvention()
    {
        await using var session = await VisitAsync("models", "models", "lowformer-b0", "tiny-upload", "0.944 G", "78.4 %", "ptflops");
        session.AssertClean();
    }

    [Fact]
    public async Task Plots_EveryChartDrawnWithLabelledPointsAndReadableTicks()
    {
        await using var session = await VisitAsync("plots", "plots-loading", "Pearson r", "x64-box");
        var page = session.Page;
        // Drawn traces, not containers: Plotly's point paths inside its scatter layer (four models on each of two
        // agents) and each agent's Pareto front as a drawn line.
        await Assertions.Expect(page.Locator("#plot-speed-accuracy .scatterlayer .trace .point")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator("#plot-speed-accuracy .scatterlayer .trace path.js-line")).ToHaveCountAsync(2);
        // Each measured point carries its label as text on the chart (the fronts repeat no labels).
        await Assertions.Expect(page.Locator("#plot-speed-accuracy .scatterlayer .textpoint")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator("#plot-speed-accuracy .scatterlayer .textpoint").First).ToHaveTextAsync(new Regex("^(lowformer-b0|efficientvit-b1|mobilenetv2-1.0|resnet18)$"));
        // Legends name agent and device.
        var legend = await page.Locator("#plot-speed-accuracy .legendtext").AllTextContentsAsync();
        Assert.Contains("x64-box (AMD EPYC 7B13 (4 cores))", legend);
        Assert.Contains("pi5 (Cortex-A76 (4 cores))", legend);
        await Assertions.Expect(page.Locator("#plot-macs-latency .scatterlayer .trace .point")).ToHaveCountAsync(8);
        // A log axis reads in whole values (1-2-5 ticks), never Plotly's bare minor digits.
        var ticks = await page.Locator("#plot-speed-accuracy .xtick text").AllTextContentsAsync();
        Assert.Contains("10", ticks);
        Assert.Contains("20", ticks);
        Assert.All(ticks, t => Assert.Matches("^[0-9.]+k?$", t));
        // No empty band above the plot: the plot area starts within 30 px of the chart's top.
        var chartTop = await page.Locator("#plot-speed-accuracy .main-svg").First.BoundingBoxAsync();
        var areaTop = await page.Locator("#plot-speed-accuracy .bglayer rect, #plot-speed-accuracy .gridlayer").First.BoundingBoxAsync();
        Assert.InRange(areaTop!.Y - chartTop!.Y, 0, 30);
        // Once drawn, the server's picture is hidden; the seeded operator profile: a bar per operator type in each of two traces.
        await Assertions.Expect(page.Locator("#speed-accuracy-static")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#plot-operator-share .barlayer .point")).ToHaveCountAsync(3 * 2);
        await session.ScreenshotAsync("plots");
        session.AssertClean();
    }

    [Fact]
    public async Task Plots_WithoutCircuit_ServerSvgShowsLabelledPointsAndSaysWhatWillAppear()
    {
        // Scripts off: what a page without its live circuit (or before it) shows.
        var context = await fixture.RequireBrowser().NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(fixture.Server.Url + "plots");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("#svg-speed-accuracy .trace-point")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator("#svg-speed-accuracy .trace-line")).ToHaveCountAsync(2);
        Assert.True(await page.Locator("#svg-speed-accuracy .point-label").CountAsync() >= 6, "most points are labelled beside them");
        await Assertions.Expect(page.Locator("#svg-macs-latency .trace-point")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator("#speed-accuracy-static .plot-status")).ToContainTextAsync("interactive chart");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "plots-no-circuit.png"), FullPage = true });
        await context.CloseAsync();
    }

    [Theory]
    [InlineData("no-such-page")]
    [InlineData("campaigns/999")]
    public async Task UnknownAddress_404WithTheDashboardsNotFoundPage(string path)
    {
        var page = await fixture.RequireBrowser().NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var response = await page.GotoAsync(fixture.Server.Url + path);

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Not found");
        await Assertions.Expect(page.Locator("nav a.nav-link")).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("#not-found")).ToContainTextAsync(path);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "not-found-" + path.Replace('/', '-') + ".png") });
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("speed-accuracy", 8)]
    [InlineData("macs-latency", 8)]
    public async Task FigureEndpoint_ServerSvgWithEveryPoint(string name, int points)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(fixture.Server.Url + $"figures/{name}.svg");

        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(points, svg.Descendants().Count(e => (string?)e.Attribute("class") == "trace-point"));
        Assert.Contains(svg.Descendants(), e => e.Value == "x64-box (AMD EPYC 7B13 (4 cores))");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(fixture.Server.Url + "figures/nothing.svg")).StatusCode);
    }
}
