using Microsoft.Playwright;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.Browser;

/// <summary>A browser page that records failed requests and console errors, so a test can assert a page loaded cleanly (nothing from a CDN, nothing 404).</summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly List<string> _problems = [];

    private readonly ErrorLogRecorder _serverErrors;

    private PageSession(IPage page, ErrorLogRecorder serverErrors)
    {
        Page = page;
        _serverErrors = serverErrors;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Add($"console: {message.Text}");
            }
        };
        page.RequestFailed += (_, request) => _problems.Add($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _problems.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    public static Task<PageSession> OpenAsync(IBrowser browser, DashboardServer server) => OpenAsync(browser, server.ErrorLogs);

    public static async Task<PageSession> OpenAsync(IBrowser browser, ErrorLogRecorder serverErrors)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            AcceptDownloads = true,
        });
        page.SetDefaultTimeout(20_000);
        return new PageSession(page, serverErrors);
    }

    /// <summary>Opens a page and waits for the interactive circuit (Blazor's script loaded and started).</summary>
    public async Task GotoAsync(string url)
    {
        await Page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        try
        {
            await Page.WaitForSelectorAsync("#circuit-ready", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"the page never became interactive; page problems:\n{string.Join("\n", _problems)}", e);
        }
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    /// <summary>No failed request, no console error, and no Error log on the server.</summary>
    public void AssertClean()
    {
        Assert.True(_problems.Count == 0, "page problems:\n" + string.Join("\n", _problems));
        Assert.True(_serverErrors.Errors.Count == 0, "server errors:\n" + string.Join("\n", _serverErrors.Errors));
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
