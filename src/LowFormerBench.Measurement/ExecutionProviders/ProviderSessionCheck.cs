using Google.Protobuf;
using LowFormerBench.ModelZoo;
using LowFormerBench.ModelZoo.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace LowFormerBench.Measurement.ExecutionProviders;

/// <summary>A provider the native library lists but that cannot run here, and why.</summary>
public sealed record RefusedProvider(string Name, string Reason);

/// <summary>
/// Which of the native library's providers really work on this machine. A GPU build lists CUDA and TensorRT whether or not the
/// machine has a GPU, so a GPU provider counts only after a session was created on it (a one-node graph, fp32, host binding);
/// its libraries are checked first, so a machine without a driver is told so instead of ORT's dlopen error. Providers inside
/// libonnxruntime itself (CPU, XNNPACK) are taken as listed.
/// </summary>
public static class ProviderSessionCheck
{
    public static (IReadOnlyList<string> Usable, IReadOnlyList<RefusedProvider> Refused) Verify(IReadOnlyList<string> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var usable = new List<string>();
        var refused = new List<RefusedProvider>();
        foreach (var name in listed)
        {
            var known = ProviderCatalog.Known.FirstOrDefault(p => p.Name == name);
            if (known is null || known.NativeDependencies.Count == 0)
            {
                usable.Add(name);
                continue;
            }

            if (TryCreateSession(name) is { } reason)
            {
                refused.Add(new RefusedProvider(name, reason));
            }
            else
            {
                usable.Add(name);
            }
        }

        return (usable, refused);
    }

    /// <summary>Null when a session was created on the provider; else why not.</summary>
    public static string? TryCreateSession(string provider)
    {
        try
        {
            var options = ProviderCatalog.RunsOnGpu(provider) ? new Dictionary<string, string> { [GpuBinding.Key] = GpuBinding.Host } : null;
            var configuration = ProviderCatalog.Configure(provider, options, "fp32");
            ProviderCatalog.EnsureLoadable(configuration);
            using var sessionOptions = ProviderCatalog.CreateSessionOptions(configuration);
            using var session = new InferenceSession(TinyModel(), sessionOptions);
            return null;
        }
        catch (Exception e) when (e is MeasurementSetupException or OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            return e.Message;
        }
    }

    // One Add over the smallest image the zoo builds: enough for the provider to claim a node, too small to cost time.
    private static byte[] TinyModel()
    {
        var size = ModelBuildOptions.MinResolution;
        var graph = new GraphBuilder("provider-check", new ModelBuildOptions(size));
        var x = graph.Input("x", 3, size, size);
        graph.Output(graph.AddScalar(x, 1), "y");
        return graph.Build([]).ToByteArray();
    }
}
