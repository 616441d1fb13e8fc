namespace LowFormerBench.Core.Queries;

/// <summary>Who made a campaign: users' suites, or the farm's own canaries (kept out of users' lists and baselines).</summary>
public static class CampaignKinds
{
    public const string User = "user";

    public const string Canary = "canary";

    public static bool IsKnown(string kind) => kind is User or Canary;
}
