using System.Security.Cryptography;
using System.Text;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Security;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator.Security;

/// <summary>
/// The coordinator's access rules. A farm with no Control token and no user key is open (a laptop's <c>lfb up</c>, a lab
/// network): nothing to configure. Once a token is set or the first key is created (<c>lfb keys create --db</c>), every
/// caller needs a credential, except readers when Coordinator:AllowAnonymousRead says so. Keys are looked up on every
/// call, so a key created or revoked with <c>lfb keys --db</c> on the running farm's file counts at once.
/// </summary>
public sealed class AccessPolicy(ApiKeyStore keys, IOptions<CoordinatorOptions> options) : IAccessPolicy
{
    /// <summary>Key id under which the configured Control token is known (rate limits, logs).</summary>
    public const string ControlTokenId = "control-token";

    public bool AllowAnonymousRead => options.Value.AllowAnonymousRead;

    public async Task<bool> KeysRequiredAsync(CancellationToken cancellationToken) =>
        !string.IsNullOrEmpty(options.Value.ControlToken) || await keys.AnyUserKeyAsync(cancellationToken);

    public async Task<ApiIdentity?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        var token = options.Value.ControlToken;
        if (!string.IsNullOrEmpty(token) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(presented)))
        {
            return new ApiIdentity(ControlTokenId, "Coordinator:ControlToken", ApiRole.Admin);
        }

        return await keys.VerifyAsync(presented, cancellationToken) is { Role: not ApiRole.Agent } identity ? identity : null;
    }

    public async Task<bool> IsActiveAsync(string keyId, CancellationToken cancellationToken) => keyId == ControlTokenId
        ? !string.IsNullOrEmpty(options.Value.ControlToken)
        : (await keys.RevokedAmongAsync([keyId], cancellationToken)).Count == 0;

    /// <summary>What a refused caller should do, for the role needed.</summary>
    public static string HowToGetKey(ApiRole needed) =>
        $"ask an admin for a key with role {needed.Name()} or higher (lfb keys create --role {needed.Name()} --name YOU), " +
        "then set LFB_TOKEN=KEY for lfb (lfb ci also takes --token KEY)";
}
