using Grpc.Core;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Coordinator.Tests.Gateway;
using LowFormerBench.Core.Security;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LowFormerBench.Coordinator.Tests.Security;

/// <summary>API keys with roles over real gRPC on loopback: who is refused, with which status and which advice.</summary>
public sealed class ApiKeyAuthTests
{
    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    [Fact]
    public async Task Control_NoKeyCreated_OpenAsOnALaptop()
    {
        await using var host = await CoordinatorHost.StartAsync();

        var campaigns = await host.Control.ListCampaignsAsync(new ListCampaignsRequest());

        Assert.Empty(campaigns.Campaigns);
    }

    [Fact]
    public async Task Control_FirstKeyCreated_AnonymousRefusedUnauthenticatedWithAdvice()
    {
        await using var host = await CoordinatorHost.StartAsync();
        await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync("ops", ApiRole.Admin);

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await host.Control.ListCampaignsAsync(new ListCampaignsRequest()));
        var guessed = await Assert.ThrowsAsync<RpcException>(async () =>
            await host.Control.ListCampaignsAsync(new ListCampaignsRequest(), Bearer("lfb_0123456789ab_notthesecret")));

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("lfb keys create --role viewer", refused.Status.Detail);
        Assert.Contains("LFB_TOKEN", refused.Status.Detail);
        Assert.Equal(StatusCode.Unauthenticated, guessed.StatusCode);
        Assert.Contains("unknown or revoked", guessed.Status.Detail);
    }

    [Fact]
    public async Task Control_ViewerKey_ReadsButSubmitIsPermissionDeniedNamingTheRole()
    {
        await using var host = await CoordinatorHost.StartAsync();
        var (_, viewer) = await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync("dashboard-reader", ApiRole.Viewer);

        var listed = await host.Control.ListAgentsAsync(new ListAgentsRequest(), Bearer(viewer));
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await host.Control.SubmitCampaignAsync(
            new SubmitCampaignRequest { SuiteYaml = "name: x\nmodels: [mobilenetv2-1.0]\nscenarios: [latency]\n" }, Bearer(viewer)));
        var campaigns = await host.Control.ListCampaignsAsync(new ListCampaignsRequest(), Bearer(viewer));

        Assert.Empty(listed.Agents);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("SubmitCampaign needs role submitter", denied.Status.Detail);
        Assert.Contains("'dashboard-reader'", denied.Status.Detail);
        Assert.Contains("has role viewer", denied.Status.Detail);
        Assert.Empty(campaigns.Campaigns); // nothing was queued by the refused call
    }

    [Fact]
    public async Task Control_SubmitterKey_UploadsAndSubmits_AdminToo()
    {
        await using var host = await CoordinatorHost.StartAsync();
        var keys = host.Services.GetRequiredService<ApiKeyStore>();
        var (_, submitter) = await keys.CreateAsync("ci", ApiRole.Submitter);
        var (_, admin) = await keys.CreateAsync("ops", ApiRole.Admin);

        var bySubmitter = await host.Control.SubmitCampaignAsync(
            new SubmitCampaignRequest { SuiteYaml = "name: by-ci\nmodels: [mobilenetv2-1.0]\nscenarios: [latency]\nresolutions: [64]\n" }, Bearer(submitter));
        var byAdmin = await host.Control.CancelCampaignAsync(new GetCampaignRequest { CampaignId = bySubmitter.Id }, Bearer(admin));

        Assert.Equal(1, bySubmitter.TotalJobs);
        Assert.Equal("cancelled", byAdmin.State);
    }

    [Fact]
    public async Task Control_RevokedKey_RefusedAtItsNextCall()
    {
        await using var host = await CoordinatorHost.StartAsync();
        var keys = host.Services.GetRequiredService<ApiKeyStore>();
        var (record, key) = await keys.CreateAsync("leaver", ApiRole.Admin);
        await keys.CreateAsync("ops", ApiRole.Admin);
        await host.Control.ListCampaignsAsync(new ListCampaignsRequest(), Bearer(key));

        Assert.True(await keys.RevokeAsync(record.Id));
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await host.Control.ListCampaignsAsync(new ListCampaignsRequest(), Bearer(key)));

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.False(await keys.RevokeAsync(record.Id));
    }

    [Fact]
    public async Task Control_AllowAnonymousRead_ReadsOpenSubmitStillNeedsKey()
    {
        await using var host = await CoordinatorHost.StartAsync(settings: new Dictionary<string, string?> { ["Coordinator:AllowAnonymousRead"] = "true" });
        await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync("ops", ApiRole.Admin);

        var read = await host.Control.ListModelsAsync(new ListModelsRequest());
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await host.Control.SubmitCampaignAsync(
            new SubmitCampaignRequest { SuiteYaml = "name: x\nmodels: [mobilenetv2-1.0]\nscenarios: [latency]\n" }));

        Assert.NotNull(read);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("role submitter", refused.Status.Detail);
    }

    [Fact]
    public async Task Control_ControlTokenStillAdmin_AgentTokenIsNoControlKey()
    {
        await using var host = await CoordinatorHost.StartAsync(controlToken: "ci-secret");
        var (_, agentKey) = await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync("pi5", ApiRole.Agent);

        var byToken = await host.Control.SubmitCampaignAsync(
            new SubmitCampaignRequest { SuiteYaml = "name: by-token\nmodels: [mobilenetv2-1.0]\nscenarios: [latency]\nresolutions: [64]\n" }, Bearer("ci-secret"));
        var byAgentKey = await Assert.ThrowsAsync<RpcException>(async () => await host.Control.ListCampaignsAsync(new ListCampaignsRequest(), Bearer(agentKey)));

        Assert.Equal(1, byToken.TotalJobs);
        Assert.Equal(StatusCode.Unauthenticated, byAgentKey.StatusCode);
    }

    [Fact]
    public async Task Store_KeepsOnlyTheHash()
    {
        await using var host = await CoordinatorHost.StartAsync();
        var (record, key) = await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync("ops", ApiRole.Admin);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var bytes = await File.ReadAllBytesAsync(host.DatabasePath);
        var wal = File.Exists(host.DatabasePath + "-wal") ? await File.ReadAllBytesAsync(host.DatabasePath + "-wal") : [];
        var secret = System.Text.Encoding.UTF8.GetBytes(key["lfb_0123456789ab_".Length..]);

        Assert.StartsWith($"lfb_{record.Id}_", key);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(secret));
        Assert.Equal(-1, wal.AsSpan().IndexOf(secret));
    }
}
