using System.Globalization;
using LowFormerBench.Bench.Farm;
using LowFormerBench.Coordinator.Grpc.Mapping;
using LowFormerBench.Core.Regression;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Bench.Regression;

/// <summary>
/// bench/false-alarms (issue 6): one suite run again and again on this machine through the real coordinator, ORT-timed:
/// 7 campaigns on main (the last is the default baseline; all 7 give the run-to-run noise, as on a farm with history),
/// then 20 candidates of the same code on a branch. Prints how many candidates the coordinator's CompareCampaigns calls
/// slower (goal: at most 1 in 20), then scales the candidates' samples by 1 + s to find the smallest slowdown s caught
/// in at least 19 of 20 runs per row. With --no-history only one main campaign is run, to show the raw-sample test alone.
/// </summary>
public static class FalseAlarmBench
{
    public static int Run(string[] args)
    {
        var history = !args.Contains("--no-history");
        var samples = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 200;
        return RunAsync(samples, history ? 7 : 1).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int samples, int mainRuns)
    {
        const int candidates = 20;
        int[] batches = [1, 8];
        await using var farm = await BenchFarm.StartAsync();
        var model = await farm.UploadTinyAsync();
        var agent = new OrtTimingAgent("bench-cpu", farm.Channel, BenchFarm.TinyModelBytes(), warmup: 50, samples);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var agentRun = agent.RunAsync((candidates + mainRuns) * batches.Length, cancel.Token);
        var main = new List<long>();
        var ids = new List<long>();
        for (var run = 0; run < mainRuns + candidates; run++)
        {
            var id = await SubmitAsync(farm, model.Sha256, batches, run < mainRuns ? "main" : "feature");
            (run < mainRuns ? main : ids).Add(id);
            await WaitAsync(farm, id, cancel.Token);
        }

        await agentRun;
        ids.Insert(0, main[^1]);
        Console.WriteLine($"false-alarms: {candidates} candidates vs baseline campaign {ids[0]} ({mainRuns} main campaigns), tiny model " +
                          $"b{string.Join("/b", batches)}, {samples} ORT-timed samples per row (50 warm-up), CPU, 1 thread, through the real coordinator");
        var verdicts = new Dictionary<Verdict, int>();
        var alarms = 0;
        var spread = new Dictionary<RowKey, double>();
        foreach (var id in ids.Skip(1))
        {
            var report = (await farm.Control.CompareCampaignsAsync(new CompareCampaignsRequest { CampaignId = id })).ToReport();
            foreach (var row in report.Rows.Where(r => r.RunToRunSpread is not null))
            {
                spread[row.Key] = row.RunToRunSpread!.Value;
            }

            alarms += report.HasRegression ? 1 : 0;
            foreach (var row in report.Rows)
            {
                verdicts[row.Verdict] = verdicts.GetValueOrDefault(row.Verdict) + 1;
            }
        }

        Console.WriteLine($"regression reported in {alarms} of {candidates} runs of the same code (goal: at most 1)");
        Console.WriteLine($"row verdicts: {string.Join(", ", verdicts.OrderBy(v => v.Key).Select(v => $"{v.Key.Label()} {v.Value}"))}");
        Console.WriteLine($"run-to-run σ from the main campaigns: {(spread.Count == 0 ? "none (fewer than 3)" : string.Join(", ", spread.Select(kv => $"b{kv.Key.Batch} {kv.Value:0.0%}")))}");
        await SensitivityAsync(farm, ids, main, candidates, spread);
        return alarms <= 1 ? 0 : 1;
    }

    /// <summary>A uniform slowdown (every sample × (1 + s)) on top of real run-to-run noise; real regressions may be less tidy.</summary>
    private static async Task SensitivityAsync(BenchFarm farm, List<long> ids, List<long> main, int candidates, Dictionary<RowKey, double> spread)
    {
        var rows = new Dictionary<long, IReadOnlyList<MeasuredRow>>();
        foreach (var id in ids.Concat(main).Distinct())
        {
            var response = await farm.Control.QueryResultsAsync(new QueryResultsRequest { CampaignId = id, IncludeSamples = true });
            rows[id] = [.. response.Results.Select(r => new MeasuredRow(new RowKey(r.Model, r.Agent, r.Scenario, r.Batch, r.Resolution, r.Precision, r.Provider),
                r.EnvironmentFingerprint, [.. r.SamplesMs]))];
        }

        // As the coordinator judges: against the level of the main campaigns when there are enough of them.
        var levels = RunToRunNoise.Levels(main.Select(id => rows[id]));
        foreach (var key in rows[ids[0]].Select(r => r.Key))
        {
            var baseline = rows[ids[0]].Single(r => r.Key == key);
            var medians = ids.Select(id => Median(rows[id].Single(r => r.Key == key).SamplesMs)).ToList();
            Console.WriteLine($"{key}: median per run / baseline median: " +
                              string.Join(" ", medians.Skip(1).Select(m => (m / medians[0] - 1).ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture))));
            string found = "none up to 50%";
            for (var slowdown = 0.005; slowdown <= 0.5 + 1e-9; slowdown += 0.005)
            {
                var caught = ids.Skip(1).Count(id =>
                {
                    var candidate = rows[id].Single(r => r.Key == key);
                    var slowed = candidate with { SamplesMs = [.. candidate.SamplesMs.Select(v => v * (1 + slowdown))] };
                    return RegressionComparer.CompareRow(slowed, baseline, RegressionOptions.Default, spread.TryGetValue(key, out var sigma) ? sigma : null,
                        spread.ContainsKey(key) ? levels.GetValueOrDefault(key) : null).Verdict == Verdict.Slower;
                });
                if (caught >= candidates - 1)
                {
                    found = $"{slowdown:0.0%} (caught {caught} of {candidates})";
                    break;
                }
            }

            Console.WriteLine($"smallest slowdown caught 19 times in 20, {key}: {found}");
        }
    }

    private static double Median(IReadOnlyList<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<long> SubmitAsync(BenchFarm farm, string sha256, int[] batches, string branch)
    {
        var request = new SubmitCampaignRequest
        {
            SuiteYaml = $"{{name: false-alarms, models: [{{name: tiny, file: tiny.onnx}}], scenarios: [latency], batch_sizes: [{string.Join(",", batches)}], resolutions: [32]}}",
            SuitePath = "false-alarms.yaml",
        };
        request.UploadedFiles["tiny.onnx"] = sha256;
        request.Metadata["branch"] = branch;
        return (await farm.Control.SubmitCampaignAsync(request)).Id;
    }

    private static async Task WaitAsync(BenchFarm farm, long campaignId, CancellationToken cancellationToken)
    {
        using var call = farm.Control.WatchCampaign(new GetCampaignRequest { CampaignId = campaignId }, cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            if (call.ResponseStream.Current.QueuedJobs + call.ResponseStream.Current.RunningJobs == 0)
            {
                return;
            }
        }
    }
}
