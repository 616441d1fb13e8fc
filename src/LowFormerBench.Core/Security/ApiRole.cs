namespace LowFormerBench.Core.Security;

/// <summary>
/// What a key may do. Viewer &lt; Submitter &lt; Admin for the Control API and the dashboard; Agent keys are per-agent
/// tokens for the agent gateway only, outside that order (an agent's token must not read or submit).
/// </summary>
public enum ApiRole
{
    Viewer = 1,
    Submitter = 2,
    Admin = 3,
    Agent = 10,
}

public static class ApiRoles
{
    /// <summary>Whether a caller holding <paramref name="held"/> may do what needs <paramref name="needed"/>.</summary>
    public static bool Satisfies(this ApiRole held, ApiRole needed) =>
        held == ApiRole.Agent || needed == ApiRole.Agent ? held == needed : held >= needed;

    public static string Name(this ApiRole role) => role.ToString().ToLowerInvariant();

    /// <summary>Parses "viewer", "submitter", "admin" or "agent", with an error naming the choices.</summary>
    public static ApiRole Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "viewer" => ApiRole.Viewer,
        "submitter" => ApiRole.Submitter,
        "admin" => ApiRole.Admin,
        "agent" => ApiRole.Agent,
        _ => throw new FormatException($"unknown role '{text}': use viewer, submitter, admin or agent"),
    };
}
