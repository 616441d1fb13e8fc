using Microsoft.Playwright;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.Browser;

/// <summary>
/// One seeded coordinator and one headless Debian Chromium for the browser tests. Playwright never downloads a
/// browser here (`playwright install` is not used): it drives the system's /usr/bin/chromium.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string MissingMessage = $"{ChromiumPath} is missing: install it with `apt-get install -y chromium` (Debian)";

    private IPlaywright? _playwright;

    public DashboardServer Server { get; private set; } = null!;

    public IBrowser? Browser { get; private set; }

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        Server = await DashboardServer.StartAsync();
        (_playwright, Browser) = await LaunchChromiumAsync();
    }

    /// <summary>Debian's Chromium, headless and offline; (null, null) where it is not installed.</summary>
    public static async Task<(IPlaywright? Playwright, IBrowser? Browser)> LaunchChromiumAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return (null, null);
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
        return (playwright, browser);
    }

    /// <summary>The browser, or the test ends: failed under CI (CI=true), where a missing browser is a broken image; skipped elsewhere.</summary>
    public IBrowser RequireBrowser() => Require(Browser);

    public static IBrowser Require(IBrowser? browser)
    {
        if (browser is not null)
        {
            return browser;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(MissingMessage);
        }

        Assert.Skip(MissingMessage);
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
