using System.CommandLine;
using System.Security.Cryptography;
using LowFormerBench.Cli.Commands.Farm;
using LowFormerBench.Cli.Rendering;
using LowFormerBench.Core.Suites;
using Spectre.Console;

namespace LowFormerBench.Cli.Commands.Up;

/// <summary>
/// <c>lfb bench</c>: the one-command main job. A farm in this process, one suite (the shipped quick suite unless
/// told otherwise), a comparison table, exit. Results also land in the database like any other campaign.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var suite = new Option<FileInfo?>("--suite") { Description = "Suite file (default: the shipped suites/quick.yaml)" };
        var db = new Option<string>("--db") { Description = UpCommand.DatabaseHelp, DefaultValueFactory = _ => UpCommand.DefaultDatabase };
        var reference = new Option<string?>("--reference") { Description = "Model to compute speed-ups against (default: the suite's first)" };
        var command = new Command("bench", "Run a suite on this machine and print the comparison (coordinator and agent in-process)")
        {
            suite, db, reference,
        };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            var file = parse.GetValue(suite);
            var (yaml, path) = file is null
                ? (EmbeddedSuites.Read(EmbeddedSuites.Quick), Path.Combine(Environment.CurrentDirectory, "suites", "quick.yaml"))
                : (await ReadAsync(file, cancellationToken), file.FullName);
            var firstModel = ParseOrFail(yaml, path).Models[0].DisplayName;

            await using var farm = await LocalFarm.StartAsync(new LocalFarmOptions(0, parse.GetValue(db)!,
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), LocalAgent: true, "127.0.0.1", Quiet: true), cancellationToken);
            using var client = new CoordinatorClient(farm.Url);
            var info = await SuiteSubmission.SubmitAsync(client, yaml, path, new Dictionary<string, string>(), cancellationToken);
            var final = await CampaignWatcher.WatchAsync(client, info.Id, cancellationToken);
            var results = await ResultsCommand.FetchAsync(client, info.Id, cancellationToken);
            AnsiConsole.Write(ComparisonTable.Build(results, parse.GetValue(reference) ?? firstModel));
            AnsiConsole.WriteLine(Units.MacsConvention);
            await CampaignWatcher.ShowBestBatchesAsync(client, final, cancellationToken);
            Console.Out.WriteLine($"campaign {info.Id} stored in {UpCommand.DatabaseName(parse.GetValue(db)!)}; 'lfb up' then 'lfb results --campaign {info.Id}' shows it again");
            return final.FailedJobs == 0 && final.CancelledJobs == 0 ? CommandAction.Succeeded : CommandAction.Failed;
        }));
        return command;
    }

    private static async Task<string> ReadAsync(FileInfo file, CancellationToken cancellationToken) =>
        file.Exists ? await File.ReadAllTextAsync(file.FullName, cancellationToken) : throw new CliFailure($"suite file '{file.FullName}' does not exist");

    private static Suite ParseOrFail(string yaml, string path)
    {
        try
        {
            return SuiteParser.Parse(yaml, path);
        }
        catch (SuiteValidationException e)
        {
            throw new CliFailure(e.Message);
        }
    }
}
