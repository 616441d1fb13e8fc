using Grpc.Core;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Coordinator.Tests.Gateway;
using LowFormerBench.Core.Security;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LowFormerBench.Coordinator.Tests.Security;

/// <summary>Message size and per-key rate limits: each refusal is clear, and the coordinator keeps serving.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task HugeMessage_RefusedResourceExhausted_CoordinatorKeepsServing()
    {
        await using var host = await CoordinatorHost.StartAsync(settings: new Dictionary<string, string?> { ["Coordinator:MaxMessageBytes"] = (1 << 20).ToString() });

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var upload = host.Control.UploadModel();
            try
            {
                await upload.RequestStream.WriteAsync(new UploadModelChunk
                {
                    DisplayName = "huge", Data = Google.Protobuf.ByteString.CopyFrom(new byte[3 << 20]),
                });
                await upload.RequestStream.CompleteAsync();
            }
            catch (RpcException)
            {
                // The server may refuse and end the call while the client is still writing; the write then fails as
                // Cancelled, and the call's own status (below) is the server's answer.
            }

            await upload;
        });
        var after = await host.Control.ListModelsAsync(new ListModelsRequest());
        var campaign = await host.SubmitTinyAsync(1);

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("maximum", refused.Status.Detail);
        Assert.DoesNotContain(after.Models, m => m.DisplayName == "huge");
        // Still serving: the next upload and submission work, and the campaign is there with its job.
        var submitted = await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign });
        Assert.Equal(("t", 1), (submitted.Name, submitted.TotalJobs));
    }

    [Fact]
    public async Task RateLimit_PerKey_RefusedWithRetryHint_OtherKeysUnaffected()
    {
        await using var host = await CoordinatorHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Coordinator:RateLimit:PermitsPerSecond"] = "0.01", ["Coordinator:RateLimit:Burst"] = "3",
        });
        var keys = host.Services.GetRequiredService<ApiKeyStore>();
        var (_, busy) = await keys.CreateAsync("runaway-script", ApiRole.Viewer);
        var (_, calm) = await keys.CreateAsync("someone-else", ApiRole.Viewer);
        var asBusy = new Metadata { { "authorization", $"Bearer {busy}" } };

        for (var i = 0; i < 3; i++)
        {
            await host.Control.ListAgentsAsync(new ListAgentsRequest(), asBusy);
        }

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await host.Control.ListAgentsAsync(new ListAgentsRequest(), asBusy));
        var other = await Record.ExceptionAsync(async () =>
            await host.Control.ListAgentsAsync(new ListAgentsRequest(), new Metadata { { "authorization", $"Bearer {calm}" } }));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("'runaway-script'", refused.Status.Detail);
        Assert.Contains("retry in", refused.Status.Detail);
        Assert.True(long.Parse(refused.Trailers.GetValue("retry-after-ms")!) > 0);
        // The other key's call went through: no refusal at all, although the busy key's bucket is empty.
        Assert.Null(other);
    }
}
