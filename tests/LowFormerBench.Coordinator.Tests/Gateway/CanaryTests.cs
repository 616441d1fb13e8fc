using Grpc.Core;
using LowFormerBench.Core.Queries;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Kind = LowFormerBench.Protos.V1.CoordinatorMessage.KindOneofCase;

namespace LowFormerBench.Coordinator.Tests.Gateway;

/// <summary>
/// Canaries through the real gateway: the coordinator hands each device a reference model after every user job here, the
/// wire agent reports chosen samples for it, and the coordinator judges each canary against that device's earlier ones.
/// </summary>
public sealed class CanaryTests
{
    private const int UserJobs = 6;

    private static readonly Dictionary<string, string?> CanaryAfterEveryJob = new()
    {
        ["Coordinator:Canary:Model"] = "mobilenetv2-1.0",
        ["Coordinator:Canary:Resolution"] = "32",
        ["Coordinator:Canary:EveryJobs"] = "1",
        ["Coordinator:Canary:EveryHours"] = "0",
        ["Coordinator:Canary:QuarantineOnDrift"] = "true",
    };

    [Fact]
    public async Task SteadyDevice_CanariesJudgedSteady_NotFlaggedAndCanariesKeptOutOfUsersLists()
    {
        await using var host = await CoordinatorHost.StartAsync(settings: CanaryAfterEveryJob);
        await using var agent = await WireAgent.ConnectAsync(host, "steady");
        await agent.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync([.. Enumerable.Range(1, UserJobs)]);

        var canaries = 0;
        JobAssignment? last = null;
        for (var i = 0; i < 2 * UserJobs; i++)
        {
            var assignment = last = (await agent.NextAsync(Kind.Assignment)).Assignment;
            if (IsCanary(assignment))
            {
                await agent.ReportSamplesAsync(assignment, CanarySamples(++canaries, slowdown: 1.0));
            }
            else
            {
                await agent.ReportAsync(assignment);
            }
        }

        await AckOfAsync(agent, last!);
        var info = Assert.Single((await host.Control.ListAgentsAsync(new ListAgentsRequest())).Agents);
        Assert.Equal(UserJobs, canaries);
        Assert.False(info.CanaryDrifted);
        Assert.StartsWith("canary steady", info.CanaryNote);
        Assert.True(info.HasCanaryDrift && Math.Abs(info.CanaryDrift) < 0.02, $"drift {info.CanaryDrift}");
        Assert.Equal("idle", info.State);
        var listed = (await host.Control.ListCampaignsAsync(new ListCampaignsRequest())).Campaigns;
        Assert.Equal([campaign], listed.Select(c => c.Id));
        var canaryCampaigns = (await host.Control.ListCampaignsAsync(new ListCampaignsRequest { Kind = CampaignKinds.Canary })).Campaigns;
        Assert.Equal(UserJobs, canaryCampaigns.Count);
        Assert.All((await host.Control.QueryResultsAsync(new QueryResultsRequest())).Results, r => Assert.Equal(campaign, r.CampaignId));
        var view = Assert.Single(await host.Services.GetRequiredService<IDashboardQueries>().ListAgentsAsync(CancellationToken.None));
        Assert.Equal((info.CanaryNote, false), (view.CanaryNote, view.CanaryDrifted));
    }

    [Fact]
    public async Task DeviceWhoseCanaryGetsTwentyPercentSlower_FlaggedAndQuarantined()
    {
        await using var host = await CoordinatorHost.StartAsync(settings: CanaryAfterEveryJob);
        await using var agent = await WireAgent.ConnectAsync(host, "hot-fan");
        await agent.NextAsync(Kind.Welcome);
        var campaign = await host.SubmitTinyAsync([.. Enumerable.Range(1, UserJobs)]);

        // Four steady canaries (the fourth judged against three), then the device slows down by 20%.
        var canaries = 0;
        JobAssignment? last = null;
        while (canaries < 5)
        {
            var assignment = (await agent.NextAsync(Kind.Assignment)).Assignment;
            if (IsCanary(assignment))
            {
                canaries++;
                last = assignment;
                await agent.ReportSamplesAsync(assignment, CanarySamples(canaries, slowdown: canaries < 5 ? 1.0 : 1.2));
            }
            else
            {
                await agent.ReportAsync(assignment);
            }
        }

        await AckOfAsync(agent, last!);
        var info = Assert.Single((await host.Control.ListAgentsAsync(new ListAgentsRequest())).Agents);
        Assert.True(info.CanaryDrifted);
        Assert.Matches(@"^canary drift: \+(19|20)\.\d% against its last 4 canaries$", info.CanaryNote);
        Assert.InRange(info.CanaryDrift, 0.18, 0.22);
        Assert.Equal("quarantined", info.State);
        Assert.Equal(info.CanaryNote, info.QuarantineReason);
        // Quarantined: the user's last job stays queued rather than run on a device that drifted.
        var waiting = await host.Control.GetCampaignAsync(new GetCampaignRequest { CampaignId = campaign });
        Assert.Equal(1, waiting.QueuedJobs);
        await Assert.ThrowsAsync<RpcException>(() => agent.NextAsync(Kind.Assignment, TimeSpan.FromSeconds(1.5)));
    }

    [Fact]
    public async Task UnknownCampaignKind_ListRefusedSayingWhichKindsExist()
    {
        await using var host = await CoordinatorHost.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await host.Control.ListCampaignsAsync(new ListCampaignsRequest { Kind = "system" }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("canary", error.Status.Detail);
    }

    // Acks of earlier reports may still be in the stream (reading assignments skips them): wait for this report's.
    private static async Task AckOfAsync(WireAgent agent, JobAssignment assignment)
    {
        while ((await agent.NextAsync(Kind.Ack)).Ack.JobId != assignment.JobId)
        {
        }
    }

    private static bool IsCanary(JobAssignment assignment) => assignment.ModelDisplayName.EndsWith("(canary)", StringComparison.Ordinal);

    // 200 samples around 10 ms (± 3%, a fixed seed per run), all scaled by the device's slowdown.
    private static double[] CanarySamples(int run, double slowdown)
    {
        var random = new Random(run);
        return [.. Enumerable.Range(0, 200).Select(_ => 10 * slowdown * (1 + (random.NextDouble() - 0.5) * 0.06))];
    }
}
