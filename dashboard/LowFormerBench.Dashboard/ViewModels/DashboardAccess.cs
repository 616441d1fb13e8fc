namespace LowFormerBench.Dashboard.ViewModels;

/// <summary>
/// What this browser may do, decided from its sign-in cookie by <see cref="DashboardSignIn"/>: a key with role submitter or
/// admin may submit and cancel. On a farm without keys (a laptop's <c>lfb up</c>) a browser on the coordinator's own
/// machine (loopback) may too, as before keys existed; anyone else only reads.
/// </summary>
public sealed record DashboardAccess(bool CanMutate, string? SignedInAs = null, string? Role = null, bool KeysRequired = false)
{
    public const string RefusedMessage =
        "submit and cancel need a key with role submitter or admin: sign in with one (lfb keys create --role submitter --name YOU)";

    public bool SignedIn => SignedInAs is not null;
}
