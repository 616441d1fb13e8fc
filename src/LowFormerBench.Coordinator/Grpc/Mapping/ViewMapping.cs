using LowFormerBench.Core.Queries;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Coordinator.Grpc.Mapping;

/// <summary>Read models to Control API messages.</summary>
internal static class ViewMapping
{
    public static CampaignInfo ToProto(this CampaignView v, IEnumerable<string>? unschedulable = null)
    {
        var info = new CampaignInfo
        {
            Id = v.Id, Name = v.Name, State = v.State, TotalJobs = v.TotalJobs, QueuedJobs = v.QueuedJobs, RunningJobs = v.RunningJobs,
            SucceededJobs = v.SucceededJobs, FailedJobs = v.FailedJobs, CancelledJobs = v.CancelledJobs,
            CreatedAtMs = v.CreatedAt.ToUnixTimeMilliseconds(), FinishedAtMs = v.FinishedAt?.ToUnixTimeMilliseconds() ?? 0,
        };
        foreach (var (key, value) in v.Metadata)
        {
            info.Metadata[key] = value;
        }

        info.Unschedulable.AddRange(unschedulable ?? []);
        return info;
    }

    public static CampaignFilter ToFilter(this ListCampaignsRequest r) => new(
        r.Name.Length > 0 ? r.Name : null, r.Metadata.Count > 0 ? new Dictionary<string, string>(r.Metadata) : null, r.Tag.Length > 0 ? r.Tag : null,
        r.State.Length > 0 ? r.State : null, r.ExcludeCampaignId > 0 ? r.ExcludeCampaignId : null,
        r.Kind.Length > 0 ? r.Kind : CampaignKinds.User);

    public static ResultRow ToProto(this ResultView v) => new()
    {
        JobId = v.JobId.ToString(), CampaignId = v.CampaignId, Model = v.Model, ModelSha256 = v.ModelSha256, Agent = v.Agent,
        Scenario = v.Scenario, Batch = v.Batch, Resolution = v.Resolution, Precision = v.Precision, Provider = v.Provider,
        Summary = v.Summary.ToProto(), Attempt = v.Attempt, EnvironmentFingerprint = v.EnvironmentFingerprint, Params = v.Params,
        Macs = v.Macs, Top1 = v.Top1 ?? 0, CreatedAtMs = v.CreatedAt.ToUnixTimeMilliseconds(), Throttled = v.Throttled,
    };

    public static ModelInfo ToProto(this ModelView m) => new()
    {
        Sha256 = m.Sha256, DisplayName = m.DisplayName, Source = m.Source, ZooName = m.ZooName ?? "", Family = m.Family ?? "",
        Resolution = m.Resolution, SizeBytes = m.SizeBytes, Params = m.Params, Macs = m.Macs, Top1 = m.Top1 ?? 0, Precision = m.Precision,
    };

    public static JobInfo ToProto(this JobView j) => new()
    {
        Id = j.Id.ToString(), Model = j.Model, Scenario = j.Scenario, Batch = j.Batch, Resolution = j.Resolution, Precision = j.Precision,
        Provider = j.Provider, State = j.State, Attempts = j.Attempts, Agent = j.Agent ?? "", Error = j.Error ?? "", Phase = j.Phase ?? "",
    };

    public static AgentInfo ToProto(this AgentView a)
    {
        var info = new AgentInfo
        {
            Id = a.Id,
            Name = a.Name,
            State = a.State.ToString().ToLowerInvariant(),
            Capabilities = a.Capabilities.ToProto(),
            CurrentJobId = a.CurrentJobId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            LastSeenMs = a.LastSeen.ToUnixTimeMilliseconds(),
            QuarantineReason = a.QuarantineReason ?? "",
            DownloadedBytes = a.DownloadedBytes,
            CanaryNote = a.CanaryNote ?? "",
            CanaryDrifted = a.CanaryDrifted,
        };
        if (a.CanaryDrift is { } drift)
        {
            info.CanaryDrift = drift;
        }

        return info;
    }
}
