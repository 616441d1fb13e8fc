using System.CommandLine;

namespace LowFormerBench.Cli.Commands.Farm;

/// <summary><c>lfb watch ID</c>.</summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var id = new Argument<long>("campaign") { Description = "Campaign id (printed by 'lfb submit')" };
        var coordinator = CoordinatorOption.Create();
        var command = new Command("watch", "Follow a campaign until it ends; exit 1 if a job failed") { id, coordinator };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            using var client = new CoordinatorClient(parse.GetValue(coordinator)!);
            var final = await CampaignWatcher.WatchAsync(client, parse.GetValue(id), cancellationToken);
            await CampaignWatcher.ShowBestBatchesAsync(client, final, cancellationToken);
            return final.FailedJobs == 0 ? CommandAction.Succeeded : CommandAction.Failed;
        }));
        return command;
    }
}
