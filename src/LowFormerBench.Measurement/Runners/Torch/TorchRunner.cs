using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Measurement.ExecutionProviders;

namespace LowFormerBench.Measurement.Runners.Torch;

/// <summary>
/// A model loaded in a PyTorch worker of its own: the ONNX graph through the worker's importer (or a TorchScript file),
/// scripted, frozen and optimised for <c>torchscript</c>, as is for <c>torch-eager</c>. The worker times each iteration
/// itself; the loop asks for batches and keeps every time. One worker per runner, so a crash ends one job and the next
/// job starts a fresh process.
/// </summary>
public sealed class TorchRunner : ISelfTimingRunner
{
    private readonly TorchWorkerProcess worker;
    private readonly TorchWorkerOptions options;

    private TorchRunner(TorchWorkerProcess worker, TorchWorkerInfo info, TorchWorkerOptions options, RunnerSetup setup)
    {
        this.worker = worker;
        this.options = options;
        Info = info;
        Provider = setup.Provider;
        RuntimeVersion = $"torch {info.TorchVersion}";
    }

    public TorchWorkerInfo Info { get; }

    public string InputShape { get; private set; } = "";

    public ColdStart ColdStart { get; private set; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public ProviderConfiguration Provider { get; }

    public string RuntimeVersion { get; }

    /// <summary>How the worker prepared the module, e.g. "script+freeze+optimize_for_inference".</summary>
    public IReadOnlyList<string> Notes { get; private set; } = [];

    public static TorchRunner Open(RunnerSetup setup, TorchWorkerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(setup.ModelPath))
        {
            throw new FileNotFoundException($"model file '{setup.ModelPath}' does not exist", setup.ModelPath);
        }

        var device = DeviceFor(setup);
        var (worker, info) = TorchWorkerProcess.Start(options, cancellationToken);
        try
        {
            if (!info.Runtimes.Contains(setup.Runtime))
            {
                throw new TorchRequestException(
                    $"runtime {setup.Runtime} is not available with torch {info.TorchVersion}; it has {string.Join(", ", info.Runtimes)}");
            }

            if (device == "cuda" && !info.HasCuda)
            {
                throw new TorchRequestException($"provider {setup.Provider.Name} asks for CUDA, but torch {info.TorchVersion} here sees no CUDA device");
            }

            var runner = new TorchRunner(worker, info, options, setup);
            runner.Load(setup, device);
            return runner;
        }
        catch
        {
            worker.Dispose();
            throw;
        }
    }

    // The job's provider picks the torch device: the CPU provider's runs on the CPU, CUDA's on CUDA (TensorRT is ONNX Runtime's only).
    private static string DeviceFor(RunnerSetup setup) => setup.Provider.Provider switch
    {
        CpuProvider => "cpu",
        CudaProvider => "cuda",
        _ => throw new TorchRequestException(
            $"runtime {setup.Runtime} runs on the CPU or CUDA provider, not {setup.Provider.Name}; ask for provider cpu or cuda"),
    };

    private void Load(RunnerSetup setup, string device)
    {
        var threads = setup.Provider.Options.TryGetValue("intra_op_num_threads", out var text)
            && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            // ONNX Runtime's CPU default is one intra-op thread per core; torch is given the same, so neither gets more cores.
            : System.Environment.ProcessorCount;
        var reply = worker.Request(new JsonObject
        {
            ["op"] = "load",
            ["model"] = Path.GetFullPath(setup.ModelPath),
            ["format"] = IsTorchScriptFile(setup.ModelPath) ? "torchscript" : "onnx",
            ["runtime"] = setup.Runtime.Name,
            ["device"] = device,
            ["batch"] = setup.Batch,
            ["resolution"] = setup.Resolution,
            ["precision"] = setup.Precision,
            ["threads"] = threads,
        }, options.Load, "load");
        ColdStart = new ColdStart(Nanoseconds(reply, "load_ns"), Nanoseconds(reply, "first_ns"));
        InputShape = reply["input_shapes"] is JsonArray shapes
            ? string.Join(", ", shapes.Select(s => s?.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : "?"))
            : "";
        Notes = reply["notes"] is JsonArray notes
            ? [.. notes.Where(s => s?.GetValueKind() == JsonValueKind.String).Select(s => s!.GetValue<string>())]
            : [];
    }

    /// <summary>A TorchScript archive is a zip file ("PK"); an ONNX file is a protobuf.</summary>
    public static bool IsTorchScriptFile(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        return stream.Read(magic) == 2 && magic[0] == (byte)'P' && magic[1] == (byte)'K';
    }

    public void Run() => RunTimed(1);

    public IReadOnlyList<double> RunTimed(int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var perIteration = TimeSpan.FromTicks(Math.Max(options.MinIteration.Ticks, ColdStart.FirstInference.Ticks * 10));
        var reply = worker.Request(new JsonObject { ["op"] = "run", ["iterations"] = iterations }, options.Reply + perIteration * iterations, "run");
        if (reply["times_ns"] is not JsonArray times || times.Count != iterations)
        {
            throw new TorchWorkerException($"the PyTorch worker's run reply does not hold {iterations} times");
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var ns = times[i]?.GetValueKind() == JsonValueKind.Number ? times[i]!.GetValue<double>() : double.NaN;
            if (!double.IsFinite(ns) || ns <= 0 || ns > 1e13)
            {
                throw new TorchWorkerException($"the PyTorch worker reported an iteration time of {times[i]?.ToJsonString() ?? "null"} ns");
            }

            samples[i] = ns / 1e6;
        }

        return samples;
    }

    /// <summary>Runs the model on raw fp32 input bytes and returns the first output's; for the equality tests.</summary>
    internal float[] Infer(float[] input, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("lfb-torch-infer-");
        try
        {
            var inputFile = Path.Combine(folder.FullName, "input.bin");
            var outputFile = Path.Combine(folder.FullName, "output.bin");
            File.WriteAllBytes(inputFile, System.Runtime.InteropServices.MemoryMarshal.AsBytes(input.AsSpan()).ToArray());
            cancellationToken.ThrowIfCancellationRequested();
            worker.Request(new JsonObject { ["op"] = "infer", ["input"] = inputFile, ["output"] = outputFile }, options.Load, "infer");
            return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(outputFile)).ToArray();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static TimeSpan Nanoseconds(JsonObject reply, string key)
    {
        var ns = reply[key]?.GetValueKind() == JsonValueKind.Number ? reply[key]!.GetValue<double>() : double.NaN;
        return double.IsFinite(ns) && ns >= 0 && ns < 1e13
            ? TimeSpan.FromTicks((long)(ns / 100))
            : throw new TorchWorkerException($"the PyTorch worker's load reply has no valid '{key}'");
    }

    public void Dispose() => worker.Dispose();
}

/// <summary>Opens <see cref="TorchRunner"/>s, each with a fresh worker.</summary>
public sealed class TorchRunnerFactory(TorchWorkerOptions? options = null) : IInferenceRunnerFactory
{
    public TorchWorkerOptions Options { get; } = options ?? new TorchWorkerOptions();

    public IInferenceRunner Open(RunnerSetup setup, CancellationToken cancellationToken) => TorchRunner.Open(setup, Options, cancellationToken);
}
