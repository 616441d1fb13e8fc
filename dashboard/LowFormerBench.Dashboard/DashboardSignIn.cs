using System.Net;
using System.Security.Claims;
using LowFormerBench.Core.Security;
using LowFormerBench.Dashboard.ViewModels;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace LowFormerBench.Dashboard;

/// <summary>
/// Browser sign-in with an API key: the key is checked once and becomes a cookie holding the key's id, name and role
/// (protected by ASP.NET Core data protection); every later request re-checks that the key is still active, so revoking a
/// key signs its browsers out.
/// </summary>
public static class DashboardSignIn
{
    public const string KeyIdClaim = "lfb:key-id";

    /// <summary>Paths a browser without a key may always load: the sign-in page itself and the assets it needs.</summary>
    private static readonly string[] OpenPrefixes = ["/signin", "/signout", "/_framework/", "/_content/", "/healthz"];

    public static async Task<string?> SignInAsync(HttpContext http, IAccessPolicy policy, string key)
    {
        if (await policy.VerifyAsync(key.Trim(), http.RequestAborted) is not { } identity)
        {
            return "this key is unknown or revoked: ask an admin for one (lfb keys create --role viewer|submitter|admin --name YOU)";
        }

        var claims = new ClaimsIdentity([
            new Claim(ClaimTypes.Name, identity.Name), new Claim(ClaimTypes.Role, identity.Role.Name()), new Claim(KeyIdClaim, identity.KeyId),
        ], CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(claims));
        return null;
    }

    /// <summary>This request's rights; the static render of App passes them to the interactive circuit.</summary>
    public static async Task<DashboardAccess> AccessAsync(HttpContext? http, IAccessPolicy policy)
    {
        var keysRequired = await policy.KeysRequiredAsync(http?.RequestAborted ?? CancellationToken.None);
        if (http?.User.Identity is { IsAuthenticated: true } user && http.User.FindFirstValue(ClaimTypes.Role) is { } roleName)
        {
            var role = ApiRoles.Parse(roleName);
            return new DashboardAccess(role.Satisfies(ApiRole.Submitter), user.Name, role.Name(), keysRequired);
        }

        var loopback = http?.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
        return new DashboardAccess(!keysRequired && loopback, KeysRequired: keysRequired);
    }

    /// <summary>Revoked keys lose their cookie at the next request.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var policy = context.HttpContext.RequestServices.GetService(typeof(IAccessPolicy)) as IAccessPolicy;
        var keyId = context.Principal?.FindFirstValue(KeyIdClaim);
        if (policy is null || keyId is null || !await policy.IsActiveAsync(keyId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>
    /// Sends a browser without a key to the sign-in page when the farm asks for keys and reading is not open. gRPC calls
    /// pass: the Control API checks its own callers.
    /// </summary>
    public static async Task GateAsync(HttpContext http, Func<Task> next)
    {
        var path = http.Request.Path.Value ?? "/";
        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
            || OpenPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            || http.User.Identity?.IsAuthenticated == true
            || http.RequestServices.GetService(typeof(IAccessPolicy)) is not IAccessPolicy policy
            || policy.AllowAnonymousRead
            || !await policy.KeysRequiredAsync(http.RequestAborted))
        {
            await next();
            return;
        }

        var returnUrl = Uri.EscapeDataString(path + http.Request.QueryString);
        http.Response.Redirect($"/signin?returnUrl={returnUrl}");
    }
}
