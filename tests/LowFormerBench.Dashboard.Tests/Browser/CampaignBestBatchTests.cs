using Microsoft.Playwright;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.Browser;

/// <summary>
/// The Campaign page of a throughput batch sweep, stored through the coordinator's own stores and read by real
/// Chromium: the best batch per configuration, the other batches, the batch that ran out of memory and the one waiting.
/// </summary>
public sealed class CampaignBestBatchTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SweepCampaign_BestBatchTableNamesBestFailedAndPending()
    {
        var campaignId = await FarmSeed.WriteSweepAsync(fixture.Server.Services);
        await using var session = await PageSession.OpenAsync(fixture.RequireBrowser(), fixture.Server);

        await session.GotoAsync($"{fixture.Server.Url}campaigns/{campaignId}");

        var table = session.Page.Locator("#best-batch");
        await Assertions.Expect(session.Page.Locator("main")).ToContainTextAsync("Best throughput batch");
        var row = table.Locator("tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("lowformer-b0");
        await Assertions.Expect(row).ToContainTextAsync("x64-box");
        await Assertions.Expect(row.Locator(".best-batch")).ToHaveTextAsync("8");
        await Assertions.Expect(row).ToContainTextAsync("910.0");
        await Assertions.Expect(row.Locator(".other-batches")).ToHaveTextAsync("1: 240.0, 64: 880.0");
        await Assertions.Expect(row.Locator(".failed-batches")).ToContainTextAsync("256 " + FarmSeed.SweepOutOfMemory);
        await Assertions.Expect(row.Locator(".pending-batches")).ToHaveTextAsync("512 (queued)");
        await Assertions.Expect(session.Page.Locator("#jobs tbody tr:has-text('failed')")).ToHaveCountAsync(1);
        await session.ScreenshotAsync("campaign-best-batch");
        session.AssertClean();
    }

    [Fact]
    public async Task CampaignWithoutSweep_NoBestBatchTable()
    {
        await using var session = await PageSession.OpenAsync(fixture.RequireBrowser(), fixture.Server);

        await session.GotoAsync(fixture.Server.Url + "campaigns/1");

        await Assertions.Expect(session.Page.Locator("#jobs tbody tr")).ToHaveCountAsync(8);
        await Assertions.Expect(session.Page.Locator("#best-batch")).ToHaveCountAsync(0);
        session.AssertClean();
    }
}
