using System.Text.Json;
using System.Text.Json.Nodes;
using LowFormerBench.Core.Jobs;

namespace LowFormerBench.Measurement.Runners.Torch;

/// <summary>What a started worker said of itself; an agent advertises torch runtimes only from this.</summary>
/// <param name="TorchVersion">torch.__version__, e.g. "1.13.0a0" (Debian's 1.13.1 reports so).</param>
/// <param name="Devices">"cpu", then "cuda:0 NVIDIA H200" per CUDA device.</param>
/// <param name="Runtimes">The torch runtimes this torch has (torch-compile only on 2.x).</param>
public sealed record TorchWorkerInfo(string TorchVersion, string PythonVersion, IReadOnlyList<string> Devices, IReadOnlyList<Runtime> Runtimes)
{
    public const int Protocol = 1;

    public bool HasCuda => Devices.Any(d => d.StartsWith("cuda", StringComparison.Ordinal));

    /// <summary>Reads a hello reply; a worker speaking another protocol or sending nonsense is refused.</summary>
    public static TorchWorkerInfo FromHello(JsonObject hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        var protocol = hello["protocol"]?.GetValueKind() == JsonValueKind.Number ? hello["protocol"]!.GetValue<int>() : 0;
        if (protocol != Protocol)
        {
            throw new TorchWorkerException($"the PyTorch worker speaks protocol {protocol}, this agent speaks {Protocol}; ship the worker from this build");
        }

        var version = Text(hello, "torch");
        var runtimes = Strings(hello, "runtimes").Select(r => Runtime.TryParse(r, out var runtime) && runtime.IsTorch ? runtime : (Runtime?)null)
            .OfType<Runtime>().ToList();
        return new TorchWorkerInfo(version, Text(hello, "python"), Strings(hello, "devices"), runtimes);
    }

    private static string Text(JsonObject reply, string key) =>
        reply[key]?.GetValueKind() == JsonValueKind.String && reply[key]!.GetValue<string>() is { Length: > 0 and <= 200 } text
            ? text
            : throw new TorchWorkerException($"the PyTorch worker's hello has no valid '{key}'");

    private static List<string> Strings(JsonObject reply, string key) =>
        reply[key] is JsonArray array && array.Count <= 64
            ? [.. array.Where(n => n?.GetValueKind() == JsonValueKind.String).Select(n => n!.GetValue<string>()).Where(s => s.Length <= 200)]
            : throw new TorchWorkerException($"the PyTorch worker's hello has no valid '{key}' list");
}
