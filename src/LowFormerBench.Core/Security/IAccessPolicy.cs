namespace LowFormerBench.Core.Security;

/// <summary>
/// Who may do what, as the coordinator decides it: the Control API and the dashboard ask the same policy, so a key
/// means the same in a browser as on the command line.
/// </summary>
public interface IAccessPolicy
{
    /// <summary>Whether callers must present a key: true once a Control token is configured or any user key exists.</summary>
    Task<bool> KeysRequiredAsync(CancellationToken cancellationToken);

    /// <summary>Whether reading (viewer's rights) is open to callers without a key even when keys are required.</summary>
    bool AllowAnonymousRead { get; }

    /// <summary>The identity of a user credential (an API key or the configured Control token); null when unknown or revoked.</summary>
    Task<ApiIdentity?> VerifyAsync(string presented, CancellationToken cancellationToken);

    /// <summary>Whether the credential with this key id is still accepted (not revoked; the Control token still configured).</summary>
    Task<bool> IsActiveAsync(string keyId, CancellationToken cancellationToken);
}
