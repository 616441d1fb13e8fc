using LowFormerBench.Core.Security;

namespace LowFormerBench.Coordinator.Security;

/// <summary>
/// The role each Control API method needs. A method missing here needs admin: a new RPC is closed until someone
/// decides who may call it.
/// </summary>
public static class ControlMethodRoles
{
    private static readonly Dictionary<string, ApiRole> Roles = new(StringComparer.Ordinal)
    {
        ["GetCampaign"] = ApiRole.Viewer,
        ["WatchCampaign"] = ApiRole.Viewer,
        ["ListCampaigns"] = ApiRole.Viewer,
        ["ListAgents"] = ApiRole.Viewer,
        ["ListModels"] = ApiRole.Viewer,
        ["QueryResults"] = ApiRole.Viewer,
        ["ListJobs"] = ApiRole.Viewer,
        ["CompareCampaigns"] = ApiRole.Viewer,
        ["SubmitCampaign"] = ApiRole.Submitter,
        ["CancelCampaign"] = ApiRole.Submitter,
        ["UploadModel"] = ApiRole.Submitter,
    };

    /// <summary>The role for a method name ("SubmitCampaign") of the Control service.</summary>
    public static ApiRole For(string method) => Roles.GetValueOrDefault(method, ApiRole.Admin);
}
