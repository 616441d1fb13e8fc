using System.Diagnostics;
using Dapper;
using Grpc.Core;
using LowFormerBench.Protos.V1;
using Microsoft.Data.Sqlite;

namespace LowFormerBench.Bench.Farm;

/// <summary>
/// Issue goals: (1) an agent's idle gap between the end of one job and the start of the next, median under 5 ms
/// over 200 jobs; (2) 200 agents and 2,000 queued jobs: all complete, none lost or duplicated.
/// </summary>
public static class FarmBenches
{
    public static int IdleGap(string[] args)
    {
        var jobs = args.Length > 0 ? int.Parse(args[0]) : 200;
        return RunAsync(agents: 1, jobs, printGaps: true).GetAwaiter().GetResult();
    }

    public static int Load(string[] args)
    {
        var agents = args.Length > 0 ? int.Parse(args[0]) : 200;
        var jobs = args.Length > 1 ? int.Parse(args[1]) : 2000;
        return RunAsync(agents, jobs, printGaps: false).GetAwaiter().GetResult();
    }

    public static int Load500(string[] args)
    {
        var agents = args.Length > 0 ? int.Parse(args[0]) : 500;
        var jobs = args.Length > 1 ? int.Parse(args[1]) : 20_000;
        return RunAsync(agents, jobs, printGaps: false).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int agents, int jobs, bool printGaps)
    {
        await using var farm = await BenchFarm.StartAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var workers = Enumerable.Range(1, agents).Select(i => new ProtocolAgent($"bench-{i}", farm.Channel)).ToList();
        var finished = false;
        var running = workers.Select(w => w.RunAsync(() => Volatile.Read(ref finished), stop.Token)).ToList();
        await Task.Delay(500);

        var clock = Stopwatch.StartNew();
        var campaignId = await farm.SubmitTinyJobsAsync(jobs);
        CampaignInfo info;
        using (var watch = farm.Control.WatchCampaign(new GetCampaignRequest { CampaignId = campaignId }, cancellationToken: stop.Token))
        {
            info = await watch.ResponseStream.ReadAllAsync(stop.Token).LastAsync(stop.Token);
        }

        clock.Stop();
        Volatile.Write(ref finished, true);
        await stop.CancelAsync();
        await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        await using var db = new SqliteConnection($"Data Source={farm.DatabasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        var results = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM results");
        var distinct = await db.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT job_id) FROM results");
        var succeeded = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs WHERE state = 'succeeded'");
        var assignments = workers.Sum(w => w.Jobs);

        Console.WriteLine($"agents {agents}, jobs {jobs}: campaign {info.State} in {clock.Elapsed.TotalSeconds:F2} s, {jobs / clock.Elapsed.TotalSeconds:F0} jobs/s");
        Console.WriteLine($"results stored {results}, distinct jobs with a result {distinct}, jobs succeeded {succeeded}, results sent by agents {assignments}");
        Console.WriteLine($"lost {jobs - distinct}, duplicated {results - distinct}");
        Console.WriteLine($"coordinator peak memory (this process) {(PeakMemory.ReadBytes() ?? 0) / 1e6:F0} MB");
        if (printGaps)
        {
            var gaps = workers.SelectMany(w => w.IdleGapsMs).Order().ToList();
            var median = gaps[gaps.Count / 2];
            var p99 = gaps[(int)Math.Min(gaps.Count - 1, Math.Ceiling(gaps.Count * 0.99) - 1)];
            Console.WriteLine($"idle gap over {gaps.Count} job changes: median {median:F3} ms, p99 {p99:F3} ms (goal: median < 5 ms: {(median < 5 ? "met" : "MISSED")})");
            Console.WriteLine($"ratio median gap / 5 ms goal {median / 5:F2}");
        }

        return results == jobs && distinct == jobs && succeeded == jobs ? 0 : 1;
    }
}
