using System.Globalization;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Measurement.Runners;
using LowFormerBench.ModelZoo;
using LowFormerBench.ModelZoo.Onnx;

namespace LowFormerBench.Bench.Measurement;

/// <summary>
/// The same job run several times (a fresh session each, as the agent does): the spread of the reported medians, and
/// how often each run's 95% interval of the median holds the overall median (the median of every sample of every run).
/// A trustworthy interval holds it about 95% of the time; far less means runs differ by more than their intervals say
/// (drift between runs, e.g. a shared machine), which is what the environment fingerprint and throttle flag are for.
/// Options: [model=lowformer-b0] [runs=10] [threads=1] [time_budget_s=3] [resolution=224].
/// </summary>
public static class RepeatabilityBench
{
    public static int Run(string[] args)
    {
        var model = args.Length > 0 ? args[0] : "lowformer-b0";
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var threads = args.Length > 2 ? args[2] : "1";
        var budget = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        var resolution = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 224;
        var folder = Directory.CreateTempSubdirectory("lfb-bench-repeat");
        try
        {
            var path = File.Exists(model) ? model : Path.Combine(folder.FullName, $"{model}.onnx");
            if (!File.Exists(model))
            {
                Zoo.Build(model, new ModelBuildOptions(resolution)).WriteTo(path);
            }

            var request = new MeasurementRequest(path, Resolution: resolution,
                ProviderOptions: new Dictionary<string, string> { [SessionSettings.IntraOpThreads] = threads },
                TimeBudget: TimeSpan.FromSeconds(budget));
            var loop = new MeasurementLoop(new OnnxRuntimeRunnerFactory());
            Console.WriteLine($"repeatability: {model} at {resolution}, {runs} runs, {threads} intra-op thread(s), {budget} s budget each");
            Console.WriteLine($"{"run",4} {"p50 ms",10} {"95% CI of the median",24} {"samples",8} {"stop rule",10}");
            var outcomes = new List<MeasurementOutcome>();
            for (var i = 0; i < runs; i++)
            {
                var o = loop.Measure(request);
                outcomes.Add(o);
                var s = o.Summary;
                Console.WriteLine($"{i + 1,4} {s.MedianMs,10:F3} {$"{s.MedianCi.LowerMs:F3} - {s.MedianCi.UpperMs:F3}",24} {s.Count,8} {(o.StopRuleMet ? "met" : "budget"),10}");
            }

            var medians = outcomes.Select(o => o.Summary.MedianMs).ToList();
            var overall = HarnessOverheadBench.Median([.. outcomes.SelectMany(o => o.SamplesMs)]);
            var mean = medians.Average();
            var sd = Math.Sqrt(medians.Sum(m => (m - mean) * (m - mean)) / Math.Max(1, medians.Count - 1));
            var held = outcomes.Count(o => o.Summary.MedianCi.LowerMs <= overall && overall <= o.Summary.MedianCi.UpperMs);
            var halfWidth = outcomes.Average(o => (o.Summary.MedianCi.UpperMs - o.Summary.MedianCi.LowerMs) / 2 / o.Summary.MedianMs);
            Console.WriteLine($"medians: min {medians.Min():F3}, max {medians.Max():F3} ms; range {(medians.Max() - medians.Min()) / overall:P2} of the overall median; " +
                $"CV of medians {sd / mean:P2}");
            Console.WriteLine($"overall median {overall:F3} ms; held by {held} of {runs} reported intervals ({(double)held / runs:P0}); " +
                $"mean interval half-width {halfWidth:P2} of the median");
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
