using LowFormerBench.Dashboard.Components;
using LowFormerBench.Dashboard.ViewModels;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LowFormerBench.Dashboard;

/// <summary>
/// Adds the dashboard to a host that registers Core's query contracts (<c>IDashboardQueries</c>, <c>IFarmControl</c>,
/// <c>IFarmFeed</c>); the coordinator calls both methods, so the dashboard shares its one port.
/// </summary>
public static class DashboardHostExtensions
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        // Serves the libraries' wwwroot (_content/...) from a build output in every environment, not only in
        // Development: a farm's coordinator runs as Production from wherever it was built. No manifest, no effect.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = "lfb.dashboard";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.LoginPath = "/signin";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = DashboardSignIn.ValidateAsync;
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddTransient<AgentsViewModel>();
        builder.Services.AddTransient<CampaignsViewModel>();
        builder.Services.AddTransient<CampaignViewModel>();
        builder.Services.AddTransient<ResultsViewModel>();
        builder.Services.AddTransient<ModelsViewModel>();
        builder.Services.AddTransient<PlotsViewModel>();
        builder.Services.AddTransient<OperatorSharesViewModel>();
        builder.Services.AddTransient<EnergyViewModel>();
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        // MapStaticAssets needs the endpoints manifest that web SDK hosts get at build; a host without one
        // (a plain console SDK) still serves the same files through static files.
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{app.Environment.ApplicationName}.staticwebassets.endpoints.json");
        if (File.Exists(manifest))
        {
            app.MapStaticAssets();
        }
        else
        {
            app.UseStaticFiles();
        }

        // An unknown address gets the dashboard's not-found page with its 404. Only responses without a body are
        // re-executed, so gRPC (always 200 with a status trailer) and the CSV endpoint's explained refusals keep theirs.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.Use((HttpContext http, RequestDelegate next) => DashboardSignIn.GateAsync(http, () => next(http)));
        app.UseAntiforgery();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapGet("/results.csv", ResultsCsvEndpoint.HandleAsync);
        app.MapGet("/figures/{name}.svg", FigureEndpoint.HandleAsync);
        app.MapGet("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/signin");
        });
        return app;
    }
}
