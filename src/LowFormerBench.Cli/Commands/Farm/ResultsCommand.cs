using System.CommandLine;
using LowFormerBench.Cli.Rendering;
using LowFormerBench.Protos.V1;
using Spectre.Console;

namespace LowFormerBench.Cli.Commands.Farm;

/// <summary><c>lfb results [--campaign ID] [--format table|json|csv]</c>.</summary>
public static class ResultsCommand
{
    public static Command Create()
    {
        var campaign = new Option<long?>("--campaign") { Description = "Only this campaign's results" };
        var coordinator = CoordinatorOption.Create();
        var format = new Option<string>("--format") { Description = "table, json or csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var reference = new Option<string?>("--reference") { Description = "Model to compute speed-ups against (table only)" };
        var command = new Command("results", "Accepted results with their configuration") { campaign, coordinator, format, reference };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            using var client = new CoordinatorClient(parse.GetValue(coordinator)!);
            var rows = await FetchAsync(client, parse.GetValue(campaign), cancellationToken, operatorProfiles: parse.GetValue(format) == "json");
            switch (parse.GetValue(format))
            {
                case "json":
                    JsonOutput.Write(rows);
                    break;
                case "csv":
                    CsvOutput.Write(rows);
                    break;
                default:
                    AnsiConsole.Write(ComparisonTable.Build(rows, parse.GetValue(reference)));
                    break;
            }

            return CommandAction.Succeeded;
        }));
        return command;
    }

    /// <param name="operatorProfiles">Also fetch operator profiles (JSON output nests them; tables and CSV do not show them).</param>
    public static async Task<IReadOnlyList<ResultRecord>> FetchAsync(
        CoordinatorClient client, long? campaignId, CancellationToken cancellationToken, bool operatorProfiles = false)
    {
        var response = await client.CallAsync(async c => await c.QueryResultsAsync(
            new QueryResultsRequest { CampaignId = campaignId ?? 0, IncludeOperatorProfiles = operatorProfiles }, cancellationToken: cancellationToken));
        return [.. response.Results.Select(ResultRecord.From)];
    }
}
