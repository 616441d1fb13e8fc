using Microsoft.Playwright;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.Browser;

/// <summary>A coordinator with a real agent, and Debian's Chromium, for the tests that watch real work happen.</summary>
public sealed class FarmWithAgentFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public FarmWithAgent Farm { get; private set; } = null!;

    public IBrowser RequireBrowser() => BrowserFixture.Require(_browser);

    public async ValueTask InitializeAsync()
    {
        Farm = await FarmWithAgent.StartAsync();
        (_playwright, _browser) = await BrowserFixture.LaunchChromiumAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Farm.DisposeAsync();
    }
}
