using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Queries;
using LowFormerBench.Dashboard.Tests.Fakes;
using LowFormerBench.Dashboard.ViewModels;
using Xunit;

namespace LowFormerBench.Dashboard.Tests.ViewModels;

public sealed class AgentsViewModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Show_ConnectedFirstThenByName_DeviceFromGpuElseCpu()
    {
        var model = new AgentsViewModel(new FakeDashboardQueries(), new FixedTime(Now));

        model.Show([
            new AgentView("1", "a-offline", AgentState.Offline, Sample.Capabilities(), null, Now.AddHours(-3), null, 0),
            new AgentView("2", "z-busy", AgentState.Busy, Sample.Capabilities(gpu: "NVIDIA A40"), 42, Now.AddSeconds(-2), null, 0, TemperatureC: 71.26),
            new AgentView("3", "m-pi", AgentState.Idle, Sample.Capabilities(arch: "arm64"), null, Now, null, 0),
        ]);

        Assert.Equal(["m-pi", "z-busy", "a-offline"], model.Agents.Select(a => a.Name));
        var busy = model.Agents[1];
        Assert.Equal(("busy", "NVIDIA A40", "42", "2 s ago"), (busy.State, busy.Device, busy.CurrentJob, busy.LastSeen));
        Assert.Equal("AMD EPYC (2 cores)", model.Agents[0].Device);
        Assert.Equal("3 h ago", model.Agents[2].LastSeen);
        Assert.Equal("71.3 °C", busy.Temperature);
        Assert.Equal("n/a", model.Agents[0].Temperature);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
