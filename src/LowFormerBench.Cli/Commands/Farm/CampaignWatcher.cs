using Grpc.Core;
using LowFormerBench.Protos.V1;
using Spectre.Console;

namespace LowFormerBench.Cli.Commands.Farm;

/// <summary>
/// Follows a campaign until it ends: a progress bar on a terminal, one line per change in a log (CI), and the
/// reasons when jobs cannot be scheduled.
/// </summary>
public static class CampaignWatcher
{
    public static async Task<CampaignInfo> WatchAsync(CoordinatorClient client, long campaignId, CancellationToken cancellationToken)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            CampaignInfo? last = null;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"campaign {campaignId}");
                    last = await FollowAsync(client, campaignId, info =>
                    {
                        task.MaxValue = Math.Max(1, info.TotalJobs);
                        task.Value = info.SucceededJobs + info.FailedJobs + info.CancelledJobs;
                        task.Description = Describe(info);
                    }, cancellationToken);
                });
            return last!;
        }

        string? previous = null;
        return await FollowAsync(client, campaignId, info =>
        {
            var line = Describe(info);
            if (line != previous)
            {
                Console.Out.WriteLine(line);
                foreach (var reason in info.Unschedulable)
                {
                    Console.Out.WriteLine($"  waiting: {reason}");
                }

                previous = line;
            }
        }, cancellationToken);
    }

    /// <summary>
    /// After a campaign with a batch sweep, the best throughput batch per configuration, and which batches failed
    /// (out of memory at a large batch is expected on a GPU: a failed job, yet the best batch is still picked).
    /// </summary>
    public static async Task ShowBestBatchesAsync(CoordinatorClient client, CampaignInfo info, CancellationToken cancellationToken)
    {
        var rows = await BestBatchQuery.FetchAsync(client, info.Id, cancellationToken);
        if (Core.Results.BestBatch.HasSweep(rows))
        {
            AnsiConsole.Write(Rendering.BestBatchTable.Build(rows));
        }
    }

    public static string Describe(CampaignInfo info) =>
        $"campaign {info.Id} '{info.Name}': {info.SucceededJobs + info.FailedJobs + info.CancelledJobs}/{info.TotalJobs} done " +
        $"({info.RunningJobs} running, {info.QueuedJobs} queued, {info.FailedJobs} failed{(info.CancelledJobs > 0 ? $", {info.CancelledJobs} cancelled" : "")}) {info.State}";

    private static async Task<CampaignInfo> FollowAsync(CoordinatorClient client, long campaignId, Action<CampaignInfo> show, CancellationToken cancellationToken)
    {
        CampaignInfo? last = null;
        try
        {
            using var call = client.Control.WatchCampaign(new GetCampaignRequest { CampaignId = campaignId }, cancellationToken: cancellationToken);
            await foreach (var info in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                show(info);
                last = info;
            }
        }
        catch (RpcException e)
        {
            throw client.Explain(e);
        }

        return last ?? throw new CliFailure($"the coordinator sent nothing about campaign {campaignId}");
    }
}
