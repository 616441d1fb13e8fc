using System.Threading.Channels;
using LowFormerBench.Agent.Connection;
using LowFormerBench.Agent.Jobs;
using LowFormerBench.Agent.Tests.Fakes;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Cache = LowFormerBench.Agent.Models.ModelCache;

namespace LowFormerBench.Agent.Tests;

public sealed class JobSlotTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeGatewayState _coordinator = new();
    private readonly FakeJobMeasurer _measurer = new();
    private readonly AgentOutbox _outbox = new();
    private readonly Channel<AgentMessage> _session = Channel.CreateUnbounded<AgentMessage>();
    private readonly JobSlot _slot;

    public JobSlotTests()
    {
        var options = Options.Create(new AgentOptions { CacheDirectory = _directory.Path });
        var cache = new Cache(new FakeModelSource(_coordinator.Model, 512), options, NullLogger<Cache>.Instance);
        _slot = new JobSlot(new JobRunner(cache, _measurer, options, NullLogger<JobRunner>.Instance), _outbox, NullLogger<JobSlot>.Instance);
        _outbox.Attach(_session.Writer);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Offer_JobFinishes_ReportIsSentAndKeptUntilAcknowledged()
    {
        _slot.Offer(_coordinator.Assign());

        Assert.True(await _slot.WaitIdleAsync(TimeSpan.FromSeconds(10), TimeProvider.System));

        Assert.Null(_slot.CurrentJobId);
        Assert.Equal(1, _outbox.UnacknowledgedCount);
        Assert.Contains(Sent(), m => m.KindCase == AgentMessage.KindOneofCase.Result);
    }

    [Fact]
    public async Task Offer_WhileBusy_HandsTheSecondJobBack()
    {
        _measurer.HoldMeasurement = new TaskCompletionSource();
        _slot.Offer(_coordinator.Assign("7"));
        await _measurer.MeasurementStarted.Task.WaitAsync(TestContext.Current.CancellationToken);

        _slot.Offer(_coordinator.Assign("8"));

        var failure = Assert.Single(Sent(), m => m.KindCase == AgentMessage.KindOneofCase.Failure).Failure;
        Assert.Equal(("8", true), (failure.JobId, failure.HandedBack));
        Assert.Equal("7", _slot.CurrentJobId);
        _measurer.HoldMeasurement.SetResult();
    }

    [Fact]
    public void Offer_AfterStopTakingWork_HandsTheJobBack()
    {
        _slot.StopTakingWork();

        _slot.Offer(_coordinator.Assign());

        var failure = Assert.Single(Sent()).Failure;
        Assert.Equal((true, "the agent is draining"), (failure.HandedBack, failure.Reason));
        Assert.Empty(_measurer.Requests);
    }

    [Fact]
    public async Task Cancel_RunningJob_StopsItAndReportsNothing()
    {
        _measurer.HoldMeasurement = new TaskCompletionSource();
        _slot.Offer(_coordinator.Assign("7"));
        await _measurer.MeasurementStarted.Task.WaitAsync(TestContext.Current.CancellationToken);

        _slot.Cancel("7");

        Assert.True(await _slot.WaitIdleAsync(TimeSpan.FromSeconds(10), TimeProvider.System));
        Assert.DoesNotContain(Sent(), m => m.KindCase is AgentMessage.KindOneofCase.Result or AgentMessage.KindOneofCase.Failure);
        Assert.Equal(0, _outbox.UnacknowledgedCount);
    }

    [Fact]
    public async Task StopAsync_WithReason_HandsTheRunningJobBack()
    {
        _measurer.HoldMeasurement = new TaskCompletionSource();
        _slot.Offer(_coordinator.Assign("7"));
        await _measurer.MeasurementStarted.Task.WaitAsync(TestContext.Current.CancellationToken);
        Assert.False(await _slot.WaitIdleAsync(TimeSpan.FromMilliseconds(50), TimeProvider.System));

        await _slot.StopAsync("shutting down");

        var failure = Assert.Single(Sent(), m => m.KindCase == AgentMessage.KindOneofCase.Failure).Failure;
        Assert.Equal(("7", 1, true, "shutting down"), (failure.JobId, failure.Attempt, failure.HandedBack, failure.Reason));
        Assert.Null(_slot.CurrentJobId);
    }

    private List<AgentMessage> Sent()
    {
        var messages = new List<AgentMessage>();
        while (_session.Reader.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }
}
