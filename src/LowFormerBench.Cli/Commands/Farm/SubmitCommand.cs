using System.CommandLine;

namespace LowFormerBench.Cli.Commands.Farm;

/// <summary><c>lfb submit FILE [--wait]</c>.</summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var suite = new Argument<FileInfo>("suite") { Description = "Suite file (YAML)" };
        var coordinator = CoordinatorOption.Create();
        var wait = new Option<bool>("--wait", "-w") { Description = "Show progress until the campaign ends; exit 1 if a job failed" };
        var command = new Command("submit", "Submit a suite as a campaign; prints its id") { suite, coordinator, wait };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            using var client = new CoordinatorClient(parse.GetValue(coordinator)!);
            var info = await SuiteSubmission.SubmitAsync(client, parse.GetValue(suite)!.FullName, new Dictionary<string, string>(), cancellationToken);
            Console.Out.WriteLine(info.Id);
            if (!parse.GetValue(wait))
            {
                return CommandAction.Succeeded;
            }

            var final = await CampaignWatcher.WatchAsync(client, info.Id, cancellationToken);
            await CampaignWatcher.ShowBestBatchesAsync(client, final, cancellationToken);
            return final.FailedJobs == 0 ? CommandAction.Succeeded : CommandAction.Failed;
        }));
        return command;
    }
}
