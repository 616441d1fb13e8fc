using System.Globalization;
using LowFormerBench.Bench.Farm;
using LowFormerBench.Coordinator.Grpc.Mapping;
using LowFormerBench.Core.Regression;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Bench.Regression;

/// <summary>
/// bench/false-alarms (issue 6): one suite run against itself on this machine, measured by the real agent (in process:
/// its connection, model cache and LoopJobMeasurer over ONNX Runtime) through the real coordinator, on a realistic small
/// model (milliseconds per inference). Both modes of <c>lfb ci</c>:
/// <list type="bullet">
/// <item>unpaired: 7 campaigns on main (the last is the baseline; all 7 give the run-to-run noise), then 20 candidates of
/// the same code, each judged against the level of the main campaigns widened by their run-to-run σ;</item>
/// <item>paired: 20 candidates that each measure the baseline's model interleaved with their own in the same job, each
/// judged on its own reference samples.</item>
/// </list>
/// Prints for each mode how many candidates the coordinator calls slower (goal: at most 1 in 20), then scales the
/// candidates' samples by 1 + s to find the smallest slowdown s caught in at least 19 of 20 runs. Arguments: a model
/// name (default mobilenetv2-1.0), a resolution (default 64), --budget SECONDS per side (default 1).
/// </summary>
public static class FalseAlarmBench
{
    private const int Candidates = 20;
    private const int MainRuns = 7;

    public static int Run(string[] args)
    {
        var plain = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var budgetAt = Array.IndexOf(args, "--budget");
        var budget = budgetAt >= 0 ? double.Parse(args[budgetAt + 1], CultureInfo.InvariantCulture) : 1.0;
        if (budgetAt >= 0)
        {
            plain.Remove(args[budgetAt + 1]);
        }

        var model = plain.Count > 0 ? plain[0] : "mobilenetv2-1.0";
        var resolution = plain.Count > 1 ? int.Parse(plain[1], CultureInfo.InvariantCulture) : 64;
        return RunAsync(model, resolution, budget).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string model, int resolution, double budgetSeconds)
    {
        var started = DateTime.UtcNow;
        var loadBefore = LoadAverage();
        await using var farm = await BenchFarm.StartAsync();
        await using var agent = await InProcessAgent.StartAsync(farm, "bench-cpu");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var suite = Suite(model, resolution, budgetSeconds);

        var main = new List<long>();
        for (var run = 0; run < MainRuns; run++)
        {
            main.Add(await RunCampaignAsync(farm, suite, "main", paired: false, cancel.Token));
        }

        var unpaired = new List<long>();
        var paired = new List<long>();
        // Alternate the modes, so load that comes and goes during the bench falls on both.
        for (var run = 0; run < Candidates; run++)
        {
            unpaired.Add(await RunCampaignAsync(farm, suite, "feature", paired: false, cancel.Token));
            paired.Add(await RunCampaignAsync(farm, suite, "feature", paired: true, cancel.Token));
        }

        Console.WriteLine($"false-alarms: {model} at {resolution} px, latency b1, CPU, {budgetSeconds:0.##} s per side, real agent (in process) " +
                          $"through the real coordinator; load average {loadBefore} before");
        var unpairedAlarms = await VerdictsAsync(farm, "unpaired", unpaired);
        var pairedAlarms = await VerdictsAsync(farm, "paired", paired);
        var rows = await RowsAsync(farm, [.. main, .. unpaired, .. paired]);
        UnpairedSensitivity(rows, main, unpaired);
        PairedSensitivity(rows, paired);
        Console.WriteLine($"load average {LoadAverage()} after; {(DateTime.UtcNow - started).TotalMinutes:0.0} min in all");
        return unpairedAlarms <= 1 && pairedAlarms <= 1 ? 0 : 1;
    }

    private static string Suite(string model, int resolution, double budgetSeconds) => $$"""
        name: false-alarms
        models: [{{model}}]
        scenarios: [latency]
        batch_sizes: [1]
        resolutions: [{{resolution}}]
        providers: [cpu]
        budget: {min_iterations: 30, max_iterations: 20000, time_budget_s: {{budgetSeconds.ToString(CultureInfo.InvariantCulture)}}, warmup_s: 0.3}
        """;

    private static async Task<long> RunCampaignAsync(BenchFarm farm, string suite, string branch, bool paired, CancellationToken cancellationToken)
    {
        var request = new SubmitCampaignRequest { SuiteYaml = suite, SuitePath = "false-alarms.yaml", Paired = paired };
        request.Metadata["branch"] = branch;
        var id = (await farm.Control.SubmitCampaignAsync(request, cancellationToken: cancellationToken)).Id;
        using var call = farm.Control.WatchCampaign(new GetCampaignRequest { CampaignId = id }, cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken))
        {
            var info = call.ResponseStream.Current;
            if (info.QueuedJobs + info.RunningJobs == 0)
            {
                if (info.SucceededJobs == 0)
                {
                    throw new InvalidOperationException($"campaign {id} ended without a result ({info.State})");
                }

                return id;
            }
        }

        throw new InvalidOperationException($"the coordinator stopped sending campaign {id}");
    }

    private static async Task<int> VerdictsAsync(BenchFarm farm, string mode, List<long> ids)
    {
        var verdicts = new Dictionary<string, int>();
        var alarms = 0;
        double? spread = null;
        foreach (var id in ids)
        {
            var report = (await farm.Control.CompareCampaignsAsync(new CompareCampaignsRequest { CampaignId = id })).ToReport();
            alarms += report.HasRegression ? 1 : 0;
            foreach (var row in report.Rows)
            {
                var label = row.Paired ? $"{row.Verdict.Label()} (paired)" : row.Verdict.Label();
                verdicts[label] = verdicts.GetValueOrDefault(label) + 1;
                spread ??= row.RunToRunSpread;
            }
        }

        Console.WriteLine($"{mode}: regression reported in {alarms} of {ids.Count} runs of the same code (goal: at most 1); row verdicts: " +
                          string.Join(", ", verdicts.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} {v.Value}")) +
                          (spread is { } s ? $"; run-to-run σ of the main campaigns {s:0.0%}" : ""));
        return alarms;
    }

    private sealed record Measured(MeasuredRow Row, IReadOnlyList<double>? Reference);

    private static async Task<Dictionary<long, Measured>> RowsAsync(BenchFarm farm, List<long> ids)
    {
        var rows = new Dictionary<long, Measured>();
        foreach (var id in ids)
        {
            var response = await farm.Control.QueryResultsAsync(new QueryResultsRequest { CampaignId = id, IncludeSamples = true });
            var result = response.Results.Single();
            rows[id] = new Measured(new MeasuredRow(new RowKey(result.Model, result.Agent, result.Scenario, result.Batch, result.Resolution, result.Precision,
                result.Provider), result.EnvironmentFingerprint, [.. result.SamplesMs]), result.ReferenceSamplesMs.Count > 0 ? [.. result.ReferenceSamplesMs] : null);
        }

        return rows;
    }

    /// <summary>As the coordinator judges an unpaired row: against the level of the main campaigns, widened by their σ.</summary>
    private static void UnpairedSensitivity(Dictionary<long, Measured> rows, List<long> main, List<long> candidates)
    {
        var history = main.Select(id => (IReadOnlyList<MeasuredRow>)[rows[id].Row]).ToList();
        var spread = RunToRunNoise.Estimate(history);
        var levels = RunToRunNoise.Levels(history);
        var baseline = rows[main[^1]].Row;
        var key = baseline.Key;
        Console.WriteLine("unpaired: candidate median / baseline median: " + string.Join(" ", candidates.Select(id =>
            Change(Median(rows[id].Row.SamplesMs) / Median(baseline.SamplesMs)))));
        Console.WriteLine($"unpaired: smallest slowdown caught 19 times in 20: " + Smallest(candidates, slowdown => candidates.Count(id =>
        {
            var candidate = rows[id].Row;
            var slowed = candidate with { SamplesMs = [.. candidate.SamplesMs.Select(v => v * (1 + slowdown))] };
            return RegressionComparer.CompareRow(slowed, baseline, RegressionOptions.Default, spread.TryGetValue(key, out var sigma) ? sigma : null,
                spread.ContainsKey(key) ? levels.GetValueOrDefault(key) : null).Verdict == Verdict.Slower;
        })));
    }

    /// <summary>A paired row against its own reference samples, the candidate side scaled.</summary>
    private static void PairedSensitivity(Dictionary<long, Measured> rows, List<long> candidates)
    {
        var missing = candidates.Where(id => rows[id].Reference is null).ToList();
        if (missing.Count > 0)
        {
            Console.WriteLine($"paired: {missing.Count} campaign(s) have no reference samples: {string.Join(", ", missing)}");
            return;
        }

        Console.WriteLine("paired: candidate median / reference median (same job): " + string.Join(" ", candidates.Select(id =>
            Change(Median(rows[id].Row.SamplesMs) / Median(rows[id].Reference!)))));
        Console.WriteLine("paired: samples per side: " + string.Join(" ", candidates.Select(id => $"{rows[id].Row.SamplesMs.Count}/{rows[id].Reference!.Count}")));
        Console.WriteLine($"paired: smallest slowdown caught 19 times in 20: " + Smallest(candidates, slowdown => candidates.Count(id =>
        {
            var row = rows[id].Row with { ReferenceSamplesMs = rows[id].Reference };
            var slowed = row with { SamplesMs = [.. row.SamplesMs.Select(v => v * (1 + slowdown))] };
            return RegressionComparer.ComparePaired(slowed, RegressionOptions.Default).Verdict == Verdict.Slower;
        })));
    }

    /// <summary>
    /// A uniform slowdown (every sample × (1 + s)) on top of real noise; real regressions may be less tidy. A larger
    /// slowdown is caught at least as often, so the 0.5 % grid is searched by bisection (each step bootstraps 20 rows).
    /// </summary>
    private static string Smallest(List<long> candidates, Func<double, int> caughtAt)
    {
        const int steps = 100;
        int low = 0, high = steps + 1;
        int? caughtAtHigh = null;
        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            var caught = caughtAt(middle * 0.005);
            if (caught >= candidates.Count - 1)
            {
                (high, caughtAtHigh) = (middle, caught);
            }
            else
            {
                low = middle;
            }
        }

        return high > steps ? "none up to 50%" : $"{high * 0.005:0.0%} (caught {caughtAtHigh} of {candidates.Count})";
    }

    private static string Change(double ratio) => (ratio - 1).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);

    private static double Median(IReadOnlyList<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
