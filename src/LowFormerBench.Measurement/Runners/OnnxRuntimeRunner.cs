using System.Diagnostics;
using LowFormerBench.Measurement.ExecutionProviders;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LowFormerBench.Measurement.Runners;

/// <summary>
/// ONNX Runtime session over IO binding. For the GPU providers inputs and outputs live in GPU memory by
/// default (<c>io_binding=device</c>): the inputs are copied in once and a timed inference is GPU compute,
/// trtexec's <c>--noDataTransfers</c>. With <c>io_binding=host</c>, and for CPU providers, they live in host
/// memory, so a GPU inference also includes the copies in and out (trtexec's "host latency").
/// </summary>
public sealed class OnnxRuntimeRunner : IInferenceRunner
{
    private readonly InferenceSession session;
    private readonly IDeviceMemory? device;
    private readonly BoundTensors tensors;
    private readonly RunOptions runOptions;
    private readonly CancellationTokenRegistration cancellation;
    private readonly CancellationToken cancellationToken;

    private OnnxRuntimeRunner(
        InferenceSession session, IDeviceMemory? device, BoundTensors tensors, RunOptions runOptions, RunnerSetup setup, CancellationToken cancellationToken)
    {
        this.session = session;
        this.device = device;
        this.tensors = tensors;
        this.runOptions = runOptions;
        this.cancellationToken = cancellationToken;
        Provider = setup.Provider;
        InputShape = string.Join(", ", tensors.InputShapes);

        // RunOptions.Terminate stops an inference in flight; without it a cancel waits out the run.
        cancellation = cancellationToken.Register(() => runOptions.Terminate = true);
    }

    public string InputShape { get; }

    public ColdStart ColdStart { get; private set; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public ProviderConfiguration Provider { get; }

    public string RuntimeVersion => OnnxRuntimeInfo.Version;

    /// <summary>Opens the model; the provider must already be known to be available (see <see cref="OnnxRuntimeRunnerFactory"/>).</summary>
    public static OnnxRuntimeRunner Open(RunnerSetup setup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return Open(setup, () => setup.Provider.Provider.OpenDeviceMemory(setup.Provider.Options), cancellationToken);
    }

    /// <param name="setup">What to open.</param>
    /// <param name="openDeviceMemory">Memory to bind in (null for host memory); opened first, so a missing CUDA runtime fails before the model loads. The runner owns it.</param>
    /// <param name="cancellationToken">Aborts the load and inferences.</param>
    internal static OnnxRuntimeRunner Open(RunnerSetup setup, Func<IDeviceMemory?> openDeviceMemory, CancellationToken cancellationToken)
    {
        if (!File.Exists(setup.ModelPath))
        {
            throw new FileNotFoundException($"model file '{setup.ModelPath}' does not exist", setup.ModelPath);
        }

        var graphCapture = setup.Provider.Provider.GraphCaptureOption(setup.Provider.Options);
        IDeviceMemory? device = null;
        InferenceSession? session = null;
        BoundTensors? tensors = null;
        RunOptions? runOptions = null;
        TimeSpan sessionCreation;
        try
        {
            device = openDeviceMemory();
            using var options = ProviderCatalog.CreateSessionOptions(setup.Provider);
            var clock = Stopwatch.StartNew();
            session = CreateSession(setup, options, cancellationToken);
            sessionCreation = clock.Elapsed;

            CheckPrecision(session, setup);
            tensors = BoundTensors.Create(session, setup, device, graphCapture);
            runOptions = new RunOptions();
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (Exception e)
        {
            runOptions?.Dispose();
            tensors?.Dispose();
            session?.Dispose();
            device?.Dispose();
            if (e is OnnxRuntimeException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("measurement cancelled while opening the model", e, cancellationToken);
            }

            if (e is OnnxRuntimeException ort && graphCapture is not null && GraphCaptureRefused(ort.Message))
            {
                throw GraphCaptureError(graphCapture, ort);
            }

            throw;
        }

        var runner = new OnnxRuntimeRunner(session, device, tensors, runOptions, setup, cancellationToken);
        try
        {
            // With graph capture on, this run captures the graph; later runs replay it.
            var first = Stopwatch.StartNew();
            runner.Run();
            runner.ColdStart = new ColdStart(sessionCreation, first.Elapsed);
            return runner;
        }
        catch (OnnxRuntimeException e) when (graphCapture is not null && GraphCaptureRefused(e.Message))
        {
            runner.Dispose();
            throw GraphCaptureError(graphCapture, e);
        }
        catch
        {
            runner.Dispose();
            throw;
        }
    }

    /// <summary>Where inputs and outputs are bound: "host memory" or the device's name.</summary>
    internal string BindingLocation => tensors.Location;

    /// <summary>The outputs of the last run, as host bytes by name; for tests comparing bindings (the loop never reads outputs).</summary>
    internal IReadOnlyDictionary<string, byte[]> ReadOutputs() => tensors.ReadOutputs();

    /// <summary>Loads the model; a file ORT cannot load becomes a <see cref="ModelLoadException"/> naming it.</summary>
    internal static InferenceSession CreateSession(RunnerSetup setup, SessionOptions options, CancellationToken cancellationToken)
    {
        // A TensorRT engine build inside session creation takes minutes on a Jetson; ORT's load
        // cancellation flag lets a cancelled job stop it instead of waiting it out.
        using (cancellationToken.Register(() => options.SetLoadCancellationFlag(true)))
        {
            try
            {
                return new InferenceSession(setup.ModelPath, options);
            }
            catch (OnnxRuntimeException e) when (!cancellationToken.IsCancellationRequested && IsModelFault(e))
            {
                throw new ModelLoadException(setup.ModelPath, e.Message, e);
            }
        }
    }

    public void Run()
    {
        try
        {
            session.RunWithBinding(runOptions, tensors.Binding);

            // A no-op on the CPU; on a GPU it waits for the output copy, so a sample ends when the
            // result is usable (timm synchronises at the end of each step).
            tensors.Binding.SynchronizeBoundOutputs();
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("measurement cancelled during an inference", cancellationToken);
        }
    }

    public void Dispose()
    {
        cancellation.Dispose();
        runOptions.Dispose();
        tensors.Dispose();
        session.Dispose();
        device?.Dispose();
    }

    // Provider failures (a missing CUDA library, a TensorRT build error) are not the file's fault and keep their own message.
    private static bool IsModelFault(OnnxRuntimeException e) =>
        e.Message.Contains("INVALID_PROTOBUF", StringComparison.Ordinal)
        || e.Message.Contains("INVALID_GRAPH", StringComparison.Ordinal)
        || e.Message.Contains("NO_SUCHFILE", StringComparison.Ordinal)
        || e.Message.Contains("NOT_IMPLEMENTED", StringComparison.Ordinal)
        || e.Message.Contains("Load model", StringComparison.Ordinal);

    // ORT's refusal when part of the graph is on another provider (usually the CPU): "This session cannot use the
    // CUDA Graph feature as requested by the user as all compute graph nodes have not been partitioned to the CUDA EP".
    internal static bool GraphCaptureRefused(string message) =>
        message.Contains("have not been partitioned", StringComparison.OrdinalIgnoreCase)
        || message.Contains("CUDA Graph", StringComparison.OrdinalIgnoreCase)
        || message.Contains("graph capture", StringComparison.OrdinalIgnoreCase);

    private static DeviceBindingException GraphCaptureError(string option, OnnxRuntimeException e) =>
        new($"{option}=1 needs every node of the model on the GPU, but ONNX Runtime could not capture a CUDA graph, usually because it " +
            $"placed some nodes on the CPU ({e.Message}). Set {option}=0, or export the model so that every operator runs on the GPU provider.", e);

    /// <summary>
    /// The job's precision must match the model unless the provider casts (TensorRT): timing an fp32
    /// graph on the CPU and calling it fp16 would mislabel the result.
    /// </summary>
    private static void CheckPrecision(InferenceSession session, RunnerSetup setup)
    {
        var wanted = setup.Precision == "fp16" ? TensorElementType.Float16 : TensorElementType.Float;
        foreach (var (name, meta) in session.InputMetadata)
        {
            var type = meta.ElementDataType;
            if (type is not (TensorElementType.Float or TensorElementType.Float16) || type == wanted)
            {
                continue;
            }

            if (!(setup.Provider.Provider.CastsToPrecision && type == TensorElementType.Float))
            {
                var actual = type == TensorElementType.Float16 ? "fp16" : "fp32";
                throw new ModelInputException(
                    $"precision {setup.Precision} was asked but input '{name}' is {actual} and {setup.Provider.Name} runs the graph's own types; " +
                    $"export the model in {setup.Precision} or ask for precision {actual}");
            }
        }
    }
}

/// <summary>Opens <see cref="OnnxRuntimeRunner"/>s after checking the native library has the provider.</summary>
public sealed class OnnxRuntimeRunnerFactory : IInferenceRunnerFactory
{
    private readonly Func<IReadOnlyList<string>> availableProviders;

    /// <param name="availableProviders">Defaults to the loaded native library's list.</param>
    public OnnxRuntimeRunnerFactory(Func<IReadOnlyList<string>>? availableProviders = null)
    {
        this.availableProviders = availableProviders ?? (() => OnnxRuntimeInfo.AvailableProviders);
    }

    public IInferenceRunner Open(RunnerSetup setup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ProviderCatalog.EnsureAvailable(setup.Provider, availableProviders());
        ProviderCatalog.EnsureLoadable(setup.Provider);
        return OnnxRuntimeRunner.Open(setup, cancellationToken);
    }
}
