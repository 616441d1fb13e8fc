using System.CommandLine;
using LowFormerBench.Cli.Rendering;
using LowFormerBench.Protos.V1;
using Spectre.Console;

namespace LowFormerBench.Cli.Commands.Farm;

/// <summary><c>lfb results [--campaign ID] [--format table|json|csv] [--best-batch]</c>.</summary>
public static class ResultsCommand
{
    public static Command Create()
    {
        var campaign = new Option<long?>("--campaign") { Description = "Only this campaign's results" };
        var coordinator = CoordinatorOption.Create();
        var format = new Option<string>("--format") { Description = "table, json or csv", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var reference = new Option<string?>("--reference") { Description = "Model to compute speed-ups against (table only)" };
        var bestBatch = new Option<bool>("--best-batch")
        {
            Description = "Per configuration, the throughput batch with the most images/s, the other batches, and those that failed or wait (needs --campaign)",
        };
        var command = new Command("results", "Accepted results with their configuration") { campaign, coordinator, format, reference, bestBatch };
        command.SetAction((parse, cancellationToken) => CommandAction.RunAsync(async () =>
        {
            using var client = new CoordinatorClient(parse.GetValue(coordinator)!);
            if (parse.GetValue(bestBatch))
            {
                return await BestBatchAsync(client, parse.GetValue(campaign), parse.GetValue(format)!, cancellationToken);
            }

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

    private static async Task<int> BestBatchAsync(CoordinatorClient client, long? campaignId, string format, CancellationToken cancellationToken)
    {
        if (campaignId is not > 0)
        {
            throw new CliFailure("--best-batch compares one campaign's throughput batches; give --campaign ID (printed by 'lfb submit')");
        }

        if (format == "csv")
        {
            throw new CliFailure("--best-batch prints a table or JSON; use --format table or --format json");
        }

        var rows = await BestBatchQuery.FetchAsync(client, campaignId.Value, cancellationToken);
        if (format == "json")
        {
            JsonOutput.Write(rows.Select(BestBatchRecord.From).ToList());
        }
        else if (rows.Count == 0)
        {
            Console.Out.WriteLine($"campaign {campaignId} has no throughput jobs");
        }
        else
        {
            AnsiConsole.Write(BestBatchTable.Build(rows));
        }

        return CommandAction.Succeeded;
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
