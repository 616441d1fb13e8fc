using System.CommandLine;
using LowFormerBench.Cli.Commands.Farm;
using LowFormerBench.Cli.Rendering;
using LowFormerBench.Core.Campaigns;
using LowFormerBench.Core.Regression;
using LowFormerBench.Protos.V1;
using Spectre.Console;

namespace LowFormerBench.Cli.Commands.Ci;

/// <summary>
/// <c>lfb ci --suite FILE</c>: run a suite on the farm, compare it with a baseline and exit 0 (no regression),
/// 1 (a regression) or 2 (the run itself failed), writing Markdown and JUnit reports where asked.
/// </summary>
public static class CiCommand
{
    public static Command Create()
    {
        var flags = new CiFlags();
        var command = new Command("ci", "Run a suite on the farm; exit 1 when a model got slower than its baseline, 2 when the run itself failed");
        flags.AddTo(command);
        // Errors before a verdict (bad suite, unreachable coordinator) are a failed run (2), never a regression (1).
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(() => RunAsync(flags.Read(parse), cancellationToken), CiOutcome.RunFailed));
        return command;
    }

    private static async Task<int> RunAsync(CiSettings settings, CancellationToken cancellationToken)
    {
        using var client = new CoordinatorClient(settings.Coordinator, settings.Token);
        var metadata = CampaignMetadata.Merge(CampaignMetadata.FromEnvironment(Environment.GetEnvironmentVariable), settings.Metadata, settings.Tags);
        var submitted = await SubmitAsync(client, settings, metadata, cancellationToken);
        Console.Out.WriteLine($"lfb ci: campaign {submitted.Id} '{submitted.Name}' submitted ({submitted.TotalJobs} jobs) to {client.Url}" +
                              (submitted.Metadata.TryGetValue(CampaignMetadata.PairedBaseline, out var pairedWith)
                                  ? $", paired with baseline campaign {pairedWith}"
                                  : ""));
        var run = new CiRun(client.Control, TimeProvider.System, settings.Run);
        string? previous = null;
        var result = await client.CallAsync(_ => run.FinishAsync(submitted.Id, info =>
        {
            var line = CampaignWatcher.Describe(info) + string.Concat(info.Unschedulable.Select(r => $"\n  waiting: {r}"));
            if (line != previous)
            {
                Console.Out.WriteLine(line);
                previous = line;
            }
        }, cancellationToken));
        if (result.Report is { } report)
        {
            Console.Out.WriteLine($"baseline: {result.BaselineReason}");
            Log().Write(RegressionTable.Build(report));
        }

        await WriteReportsAsync(settings, result, metadata, cancellationToken);
        var output = result.Outcome.ExitCode == CiOutcome.NoRegression ? Console.Out : Console.Error;
        output.WriteLine($"lfb ci: {result.Outcome.Message}");
        return result.Outcome.ExitCode;
    }

    // A paired run needs a baseline to pair with; the coordinator resolves it as the comparison would. The first run of a
    // suite has none and runs unpaired (it can become the baseline); a --baseline that names nothing is refused.
    private static async Task<CampaignInfo> SubmitAsync(CoordinatorClient client, CiSettings settings, IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        if (!settings.Paired)
        {
            return await SuiteSubmission.SubmitAsync(client, settings.Suite, metadata, cancellationToken);
        }

        var submitted = await SuiteSubmission.SubmitAsync(client, settings.Suite, metadata, cancellationToken, request =>
        {
            request.Paired = true;
            request.PairedBaseline = settings.Run.Baseline;
            request.PairedMainBranch = settings.Run.MainBranch;
        });
        if (!submitted.Metadata.ContainsKey(CampaignMetadata.PairedBaseline))
        {
            Console.Out.WriteLine($"lfb ci: --paired, but suite '{submitted.Name}' has no succeeded campaign on branch '{settings.Run.MainBranch}' " +
                                  "to pair with; running unpaired");
        }

        return submitted;
    }

    // A CI log is not a terminal: Spectre would assume 80 columns and wrap every cell; a log line can be long.
    private static IAnsiConsole Log()
    {
        if (!Console.IsOutputRedirected)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out), Ansi = AnsiSupport.No });
        console.Profile.Width = 200;
        return console;
    }

    private static async Task WriteReportsAsync(CiSettings settings, CiRunResult result, IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken)
    {
        var context = new List<KeyValuePair<string, string>>();
        foreach (var key in new[] { CampaignMetadata.Repository, CampaignMetadata.Branch, CampaignMetadata.Commit, CampaignMetadata.RunUrl, CampaignMetadata.Tags })
        {
            if (metadata.TryGetValue(key, out var value))
            {
                context.Add(new(key.Replace('_', ' '), value));
            }
        }

        if (result.BaselineReason is { } reason)
        {
            context.Add(new("baseline", reason));
        }

        if (settings.Markdown is { } markdown)
        {
            var text = result.Report is { } report
                ? MarkdownReport.Write(report, context)
                : $"## LowFormerBench: {(result.Outcome.ExitCode == CiOutcome.RunFailed ? "run failed" : "nothing compared")}\n\n{result.Outcome.Message}.\n";
            await File.WriteAllTextAsync(markdown, text, cancellationToken);
        }

        if (settings.JUnit is { } junit)
        {
            var xml = result.Report is { } report
                ? JUnitReport.Write(report)
                : JUnitReport.WriteWithoutComparison(result.Outcome.Message, result.Outcome.ExitCode == CiOutcome.RunFailed);
            await File.WriteAllTextAsync(junit, xml, cancellationToken);
        }
    }
}
