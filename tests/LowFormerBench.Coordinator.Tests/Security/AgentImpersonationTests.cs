using Grpc.Core;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Coordinator.Tests.Gateway;
using LowFormerBench.Core.Security;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Kind = LowFormerBench.Protos.V1.CoordinatorMessage.KindOneofCase;

namespace LowFormerBench.Coordinator.Tests.Security;

/// <summary>
/// Issue 14, defect 1: a token acts only as the agent it belongs to. Attacks as a client of the project's own Protos over
/// loopback, with per-agent tokens made by the store <c>lfb keys create --role agent</c> writes to.
/// </summary>
public sealed class AgentImpersonationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PerAgentToken_HelloAsAnotherAgent_RefusedAndThatAgentKeepsItsSessionAndJob(bool reconnect)
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30);
        var keys = host.Services.GetRequiredService<ApiKeyStore>();
        var (_, tokenA) = await keys.CreateAsync("agent-a", ApiRole.Agent);
        var (_, tokenB) = await keys.CreateAsync("agent-b", ApiRole.Agent);
        await using var b = await WireAgent.ConnectAsync(host, "agent-b", tokenB);
        await b.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1);
        var job = (await b.NextAsync(Kind.Assignment)).Assignment;

        await using var impostor = await WireAgent.ConnectAsync(host, "agent-b", tokenA, reconnect: reconnect);
        var refused = await Assert.ThrowsAsync<RpcException>(() => impostor.NextAsync(Kind.Welcome));
        await b.ReportAsync(job);
        var ack = (await b.NextAsync(Kind.Ack)).Ack;

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("may only connect as agent 'agent-a', not as 'agent-b'", refused.Status.Detail);
        Assert.Equal("accepted", ack.Outcome);
        var info = await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign });
        Assert.Equal(("succeeded", 1), (info.State, info.SucceededJobs));
    }

    [Fact]
    public async Task PerAgentToken_ResultForAnotherAgentsJob_NotAccepted()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30);
        var keys = host.Services.GetRequiredService<ApiKeyStore>();
        var (_, tokenA) = await keys.CreateAsync("agent-a", ApiRole.Agent);
        var (_, tokenB) = await keys.CreateAsync("agent-b", ApiRole.Agent);
        await using var b = await WireAgent.ConnectAsync(host, "agent-b", tokenB);
        await b.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1);
        var job = (await b.NextAsync(Kind.Assignment)).Assignment;
        await using var a = await WireAgent.ConnectAsync(host, "agent-a", tokenA);
        await a.NextAsync(Kind.Welcome);

        await a.ReportAsync(job, p50Ms: 99);
        var stolen = (await a.NextAsync(Kind.Ack)).Ack;
        var running = await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign });
        await b.ReportAsync(job);
        var own = (await b.NextAsync(Kind.Ack)).Ack;

        Assert.Equal("late", stolen.Outcome);
        Assert.Equal(0, running.SucceededJobs);
        Assert.Equal("accepted", own.Outcome);
        var result = Assert.Single((await host.Control.QueryResultsAsync(new QueryResultsRequest { CampaignId = campaign })).Results);
        Assert.Equal(("agent-b", 1.0), (result.Agent, result.Summary.P50Ms));
    }

    [Fact]
    public async Task FarmToken_HelloAsAgentConnectedWithItsOwnToken_Refused()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30);
        var (_, tokenB) = await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync("agent-b", ApiRole.Agent);
        await using var b = await WireAgent.ConnectAsync(host, "agent-b", tokenB);
        await b.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1);
        var job = (await b.NextAsync(Kind.Assignment)).Assignment;

        await using var impostor = await WireAgent.ConnectAsync(host, "agent-b", CoordinatorHost.Token, reconnect: true);
        var refused = await Assert.ThrowsAsync<RpcException>(() => impostor.NextAsync(Kind.Welcome));
        await b.ReportAsync(job);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("connected with its own per-agent token", refused.Status.Detail);
        Assert.Equal("accepted", (await b.NextAsync(Kind.Ack)).Ack.Outcome);
        Assert.Equal(1, (await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign })).SucceededJobs);
    }

    [Fact]
    public async Task FarmToken_ReconnectOfAFarmTokenAgent_StillTakesItsSessionOver()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30);
        await using var first = await WireAgent.ConnectAsync(host, "x64");
        await first.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync(1);
        var job = (await first.NextAsync(Kind.Assignment)).Assignment;

        // The same agent after a network cut, before the coordinator noticed the old stream is gone.
        await using var again = await WireAgent.ConnectAsync(host, "x64", reconnect: true);
        await again.NextAsync(Kind.Welcome);
        await again.ReportAsync(job);

        Assert.Equal("accepted", (await again.NextAsync(Kind.Ack)).Ack.Outcome);
        Assert.Equal(1, (await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign })).SucceededJobs);
    }

    [Fact]
    public async Task PerAgentToken_AfterItsAgentDisconnected_FarmTokenMayUseTheNameAgain()
    {
        await using var host = await CoordinatorHost.StartAsync(leaseTtlSeconds: 30);
        var (_, tokenB) = await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync("agent-b", ApiRole.Agent);
        var b = await WireAgent.ConnectAsync(host, "agent-b", tokenB);
        await b.NextAsync(Kind.Welcome);
        await b.DisposeAsync();

        // The claim ends with the session; poll until the coordinator has seen the stream end.
        RpcException? last = null;
        for (var i = 0; i < 50; i++)
        {
            await using var farm = await WireAgent.ConnectAsync(host, "agent-b");
            try
            {
                Assert.Equal(Kind.Welcome, (await farm.NextAsync(Kind.Welcome)).KindCase);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
            {
                last = e;
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        Assert.Fail($"the farm token stayed refused after agent-b left: {last?.Status.Detail}");
    }
}
