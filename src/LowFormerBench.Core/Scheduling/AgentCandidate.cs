using LowFormerBench.Core.Devices;

namespace LowFormerBench.Core.Scheduling;

/// <summary>A connected agent as job matching sees it.</summary>
public sealed record AgentCandidate(string AgentId, string Name, DeviceCapabilities Capabilities, bool Quarantined)
{
    public bool CanRun(Jobs.JobSpec spec) => JobMatcher.Matches(spec, Name, Capabilities);
}
