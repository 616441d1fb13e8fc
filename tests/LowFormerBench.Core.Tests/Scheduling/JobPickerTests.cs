using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Scheduling;
using LowFormerBench.Core.Tests.Jobs;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace LowFormerBench.Core.Tests.Scheduling;

public sealed class JobPickerTests
{
    private static readonly DeviceCapabilities Cpu = new("x64", "Linux", "cpu", 4, 1L << 33, "1.31.1", ["CPUExecutionProvider"], DeviceClass.Cpu,
        null, null, null, new Dictionary<string, string>(), "1.0", "host");

    private static readonly DeviceCapabilities Gpu = Cpu with { Providers = ["CUDAExecutionProvider", "CPUExecutionProvider"], DeviceClass = DeviceClass.Gpu };

    private static readonly AgentCandidate A = new("id-a", "a", Cpu, false);
    private static readonly AgentCandidate B = new("id-b", "b", Cpu, false);

    private static Job Queued(long id, string provider = "CPUExecutionProvider") => new(id, 1, JobTests.Spec(provider));

    // A job that agent "a" lost once (its lease lapsed on the fake clock) and is queued again.
    private static Job LostBy(string agentName, long id)
    {
        var clock = new FakeTimeProvider();
        var lease = new LeasePolicy(TimeSpan.FromSeconds(1), 3, clock);
        var job = Queued(id);
        lease.Grant(job, "id-" + agentName);
        clock.Advance(TimeSpan.FromSeconds(1));
        lease.Expire(job, agentName);
        return job;
    }

    [Fact]
    public void Next_SeveralQueued_TheOldestTheAgentCanRun()
    {
        var next = JobPicker.Next([Queued(1, "CUDAExecutionProvider"), Queued(2), Queued(3)], A, [A], _ => false);

        Assert.Equal(2, next?.Id);
    }

    [Fact]
    public void Next_ACanaryQueuedBehindOtherJobs_TheCanaryFirst()
    {
        var next = JobPicker.Next([Queued(1), Queued(2), Queued(3)], A, [A], j => j.Id == 3);

        Assert.Equal(3, next?.Id);
    }

    [Fact]
    public void Next_JobThisAgentLost_GoesToTheOtherCapableAgent()
    {
        var lost = LostBy("a", 1);
        var queue = new[] { lost, Queued(2) };

        Assert.Equal(2, JobPicker.Next(queue, A, [A, B], _ => false)?.Id);
        Assert.Equal(1, JobPicker.Next(queue, B, [A, B], _ => false)?.Id);
    }

    [Fact]
    public void Next_JobThisAgentLostAndNoOtherCanRunIt_TheSameAgentGetsItBack()
    {
        var quarantinedB = B with { Quarantined = true };

        Assert.Equal(1, JobPicker.Next([LostBy("a", 1)], A, [A, quarantinedB], _ => false)?.Id);
    }

    [Fact]
    public void Next_NothingItCanRun_Null()
    {
        Assert.Null(JobPicker.Next([Queued(1, "CUDAExecutionProvider")], A, [A], _ => false));
    }

    [Fact]
    public void Unschedulable_NoAgentConnected_SaysSoOnce()
    {
        Assert.Equal(["no agent is connected"], JobPicker.Unschedulable([Queued(1), Queued(2)], []));
    }

    [Fact]
    public void Unschedulable_NoQueuedJobs_Empty()
    {
        Assert.Empty(JobPicker.Unschedulable([], []));
    }

    [Fact]
    public void Unschedulable_ProviderNoAgentHas_EachAgentsReasonNamed()
    {
        var gpu = new AgentCandidate("id-g", "g", Gpu, true);

        var reasons = JobPicker.Unschedulable([Queued(7, "CUDAExecutionProvider"), Queued(8)], [A, gpu]);

        var reason = Assert.Single(reasons);
        Assert.StartsWith("job 7 (lowformer-b0, ", reason);
        Assert.EndsWith("a: needs CUDAExecutionProvider; device has CPUExecutionProvider; g: quarantined", reason);
    }
}
