namespace LowFormerBench.Core.Queries;

/// <summary>Which campaigns to list, newest first: every given condition must hold.</summary>
/// <param name="Metadata">Key/value pairs the campaign's metadata must hold, e.g. branch = main.</param>
/// <param name="Tag">A tag the campaign's metadata "tags" must contain.</param>
/// <param name="ExcludeCampaignId">A campaign to leave out, e.g. a CI run's own campaign.</param>
/// <param name="Kind">"user" (suites people submitted; the default) or "canary" (the farm's per-device reference runs).</param>
public sealed record CampaignFilter(
    string? Name = null,
    IReadOnlyDictionary<string, string>? Metadata = null,
    string? Tag = null,
    string? State = null,
    long? ExcludeCampaignId = null,
    string Kind = CampaignKinds.User)
{
    public static CampaignFilter All { get; } = new();
}
