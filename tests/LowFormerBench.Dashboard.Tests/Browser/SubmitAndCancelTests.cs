using LowFormerBench.Core.Queries;
using Microsoft.Playwright;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.Browser;

/// <summary>The mutating path from a loopback browser: a bad suite shows located errors, a good one queues, cancel ends it live.</summary>
public sealed class SubmitAndCancelTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Submit_InvalidThenValidSuite_ErrorsLocatedThenCampaignQueuedAndCancelled()
    {
        await using var session = await PageSession.OpenAsync(fixture.RequireBrowser(), fixture.Server);
        var page = session.Page;
        await session.GotoAsync(fixture.Server.Url + "campaigns");

        await page.FillAsync("#suite-yaml", "name: broken\nmodels: [lowformer-b0]\nscenarios: [sideways]\nresolutions: [-3]\n");
        await page.ClickAsync("#submit-suite");
        await Assertions.Expect(page.Locator("#suite-errors")).ToContainTextAsync("pasted suite:3:");
        await Assertions.Expect(page.Locator("#suite-errors li")).ToHaveCountAsync(2);
        await session.ScreenshotAsync("campaigns-suite-errors");

        // A small built-in model at a small resolution: the coordinator builds it on submit, in well under a second.
        await page.FillAsync("#suite-yaml", "name: from-the-page\nmodels: [mobilenetv2-1.0]\nscenarios: [latency]\nresolutions: [64]\n");
        await page.ClickAsync("#submit-suite");
        await Assertions.Expect(page.Locator("#suite-accepted")).ToContainTextAsync("'from-the-page' queued with 1 jobs", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#campaigns")).ToContainTextAsync("from-the-page");

        await page.ClickAsync("#campaigns a:text('from-the-page')");
        await page.WaitForSelectorAsync("#cancel-campaign");
        // Cancel asks first; "keep running" keeps it.
        await page.ClickAsync("#cancel-campaign");
        await page.ClickAsync("#cancel-keep");
        await Assertions.Expect(page.Locator("#campaign-state")).ToHaveTextAsync("running");
        await page.ClickAsync("#cancel-campaign");
        await Assertions.Expect(page.Locator("#cancel-confirmation")).ToContainTextAsync("Cancel 1 unfinished jobs?");
        await page.ClickAsync("#cancel-confirm");
        await Assertions.Expect(page.Locator("#campaign-state")).ToHaveTextAsync("cancelled");
        // Nothing was run: the bar is the grey "cancelled" part alone, and says 0 of 1 run, not a full "100%".
        await Assertions.Expect(page.Locator("#campaign-progress .cancelled-bar")).ToHaveTextAsync("cancelled");
        await Assertions.Expect(page.Locator("#campaign-progress .bg-success")).ToHaveTextAsync("");
        await Assertions.Expect(page.Locator("main .progress-text")).ToHaveTextAsync("0 of 1 jobs run (0%) · 1 cancelled");
        // Bootstrap animates the bar's width for 0.6 s: let it land before the picture.
        await page.WaitForTimeoutAsync(800);
        await session.ScreenshotAsync("campaign-cancelled");
        session.AssertClean();
    }

    [Fact]
    public async Task CampaignPage_CancelledElsewhere_UpdatesWithoutReload()
    {
        await using var session = await PageSession.OpenAsync(fixture.RequireBrowser(), fixture.Server);
        var page = session.Page;
        var campaign = (await fixture.Server.Get<IDashboardQueries>().ListCampaignsAsync(10, CancellationToken.None))
            .Single(c => c.Name == FarmSeed.QueuedCampaign);
        await session.GotoAsync(fixture.Server.Url + $"campaigns/{campaign.Id}");
        await Assertions.Expect(page.Locator("#campaign-state")).ToHaveTextAsync("running");

        // As the CLI or another browser would: the page hears it through the campaign feed, not by polling.
        await fixture.Server.Get<IFarmControl>().CancelCampaignAsync(campaign.Id, CancellationToken.None);

        await Assertions.Expect(page.Locator("#campaign-state")).ToHaveTextAsync("cancelled");
        await Assertions.Expect(page.Locator("#jobs")).ToContainTextAsync("cancelled");
        session.AssertClean();
    }
}
