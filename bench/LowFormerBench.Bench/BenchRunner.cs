namespace LowFormerBench.Bench;

/// <summary>Named benchmarks: <c>dotnet run -c Release --project bench/LowFormerBench.Bench -- NAME</c>.</summary>
public static class BenchRunner
{
    private static readonly Dictionary<string, (string Description, Func<string[], int> Run)> Benchmarks = new()
    {
        ["export"] = ("Export lowformer-b3 (57M params): wall time and peak memory against the goals and a raw write", ExportBench.Run),
        ["idle-gap"] = ("One agent, 200 jobs: the agent's idle time between a result and its next assignment", Farm.FarmBenches.IdleGap),
        ["farm-load"] = ("200 agents, 2,000 jobs on loopback: wall time, jobs/s, none lost or duplicated", Farm.FarmBenches.Load),
        ["farm-load-500"] = ("500 agents, 20,000 jobs on loopback: jobs/s, coordinator peak memory, none lost or duplicated", Farm.FarmBenches.Load500),
        ["dashboard-100k"] = ("100,000 results in SQLite: server time of the Results and Plots pages and their queries, p95 goal 300 ms", Dashboard.DashboardBench.Run),
        ["false-alarms"] = ("One suite against itself 20 times, unpaired and paired, on the real agent: regressions reported, smallest slowdown caught 19 in 20", Regression.FalseAlarmBench.Run),
        ["harness-overhead"] = ("Our loop's median vs onnxruntime-node's on the same files, interleaved: ratio per model (goal <= 1.02)",
            Measurement.HarnessOverheadBench.Run),
        ["repeatability"] = ("The same job 10 times: spread of the medians, how often the reported interval holds the overall median",
            Measurement.RepeatabilityBench.Run),
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var bench))
        {
            Console.Error.WriteLine("usage: LowFormerBench.Bench NAME [options]");
            foreach (var (name, (description, _)) in Benchmarks)
            {
                Console.Error.WriteLine($"  {name,-15} {description}");
            }

            return 2;
        }

        return bench.Run(args[1..]);
    }
}
