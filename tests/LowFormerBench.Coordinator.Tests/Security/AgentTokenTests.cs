using Grpc.Core;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Coordinator.Tests.Gateway;
using LowFormerBench.Core.Security;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Kind = LowFormerBench.Protos.V1.CoordinatorMessage.KindOneofCase;

namespace LowFormerBench.Coordinator.Tests.Security;

/// <summary>Per-agent tokens beside the farm token: accepted, refused when wrong, and a revoked one ends its session.</summary>
public sealed class AgentTokenTests
{
    [Fact]
    public async Task PerAgentToken_Accepted_FarmTokenStillAccepted()
    {
        await using var host = await CoordinatorHost.StartAsync();
        var (_, token) = await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync("pi5", ApiRole.Agent);
        await using var own = await WireAgent.ConnectAsync(host, "pi5", token);
        await using var farm = await WireAgent.ConnectAsync(host, "x64");

        Assert.Equal(Kind.Welcome, (await own.NextAsync(Kind.Welcome)).KindCase);
        Assert.Equal(Kind.Welcome, (await farm.NextAsync(Kind.Welcome)).KindCase);
    }

    [Fact]
    public async Task UserKeyAsAgentToken_Refused()
    {
        await using var host = await CoordinatorHost.StartAsync();
        var (_, adminKey) = await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync("ops", ApiRole.Admin);
        await using var agent = await WireAgent.ConnectAsync(host, "sneaky", adminKey);

        var refused = await Assert.ThrowsAsync<RpcException>(() => agent.NextAsync(Kind.Welcome));

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("lfb keys create --role agent", refused.Status.Detail);
    }

    [Fact]
    public async Task PerAgentToken_RevokedWhileConnected_SessionEndedAndReconnectRefused()
    {
        await using var host = await CoordinatorHost.StartAsync();
        var keys = host.Services.GetRequiredService<ApiKeyStore>();
        var (record, token) = await keys.CreateAsync("pi5", ApiRole.Agent);
        await using var agent = await WireAgent.ConnectAsync(host, "pi5", token);
        await agent.NextAsync(Kind.Welcome);

        await keys.RevokeAsync(record.Id);
        var ended = await Assert.ThrowsAsync<RpcException>(() => agent.NextAsync(Kind.Assignment, TimeSpan.FromSeconds(10)));
        await using var again = await WireAgent.ConnectAsync(host, "pi5", token);
        var refused = await Assert.ThrowsAsync<RpcException>(() => again.NextAsync(Kind.Welcome));

        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
        Assert.Contains("revoked", ended.Status.Detail);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        var agents = await host.Control.ListAgentsAsync(new ListAgentsRequest());
        Assert.Equal("offline", Assert.Single(agents.Agents).State);
    }
}
