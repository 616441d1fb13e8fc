using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Security;
using LowFormerBench.Dashboard.ViewModels;
using Microsoft.Playwright;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.Browser;

/// <summary>
/// A farm that asks for keys, in a real browser: no key sends the browser to sign in, a viewer reads but cannot
/// submit, a submitter submits. Each test has its own coordinator: creating a key changes the farm for everyone.
/// </summary>
public sealed class SignInTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task KeysRequired_ViewerCannotSubmit_SubmitterCan()
    {
        var browser = fixture.RequireBrowser();
        await using var server = await DashboardServer.StartAsync();
        var keys = server.Get<ApiKeyStore>();
        var (_, viewer) = await keys.CreateAsync("reader", ApiRole.Viewer);
        var (_, submitter) = await keys.CreateAsync("ci", ApiRole.Submitter);
        await using var session = await PageSession.OpenAsync(browser, server);
        var page = session.Page;

        await page.GotoAsync(server.Url + "campaigns");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?returnUrl=%2Fcampaigns"));
        await page.FillAsync("#api-key", "lfb_000000000000_not-a-key");
        await page.ClickAsync("#sign-in");
        await Assertions.Expect(page.Locator("#signin-error")).ToContainTextAsync("unknown or revoked");

        await page.FillAsync("#api-key", viewer);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(server.Url + "campaigns");
        await page.WaitForSelectorAsync("#circuit-ready", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("#signed-in")).ToContainTextAsync("reader (viewer)");
        await Assertions.Expect(page.Locator("#campaigns")).ToContainTextAsync(FarmSeed.QueuedCampaign);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(DashboardAccess.RefusedMessage);
        await Assertions.Expect(page.Locator("#submit-suite")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("campaigns-viewer");

        await page.GotoAsync(server.Url + "signout");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.FillAsync("#api-key", submitter);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(server.Url + "campaigns");
        await page.WaitForSelectorAsync("#circuit-ready", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("#signed-in")).ToContainTextAsync("ci (submitter)");
        await page.FillAsync("#suite-yaml", "name: by-submitter\nmodels: [mobilenetv2-1.0]\nscenarios: [latency]\nresolutions: [64]\n");
        await page.ClickAsync("#submit-suite");
        await Assertions.Expect(page.Locator("#suite-accepted")).ToContainTextAsync("'by-submitter' queued with 1 jobs", new() { Timeout = 60_000 });
        session.AssertClean();
    }

    [Fact]
    public async Task KeysRequired_ResultsCsvWithoutKey_RedirectedToSignIn()
    {
        await using var server = await DashboardServer.StartAsync();
        await server.Get<ApiKeyStore>().CreateAsync("ops", ApiRole.Admin);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var csv = await http.GetAsync(server.Url + "results.csv");
        using var signIn = await http.GetAsync(server.Url + "signin");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, csv.StatusCode);
        Assert.StartsWith("/signin?returnUrl=", csv.Headers.Location?.OriginalString);
        Assert.Equal(System.Net.HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("API key", await signIn.Content.ReadAsStringAsync());
    }
}
