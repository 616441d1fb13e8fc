using System.Collections.Immutable;
using System.Text.Json;

namespace LowFormerBench.Measurement.Profiling;

/// <summary>
/// ONNX Runtime's profile file (Chrome trace format: a JSON array of events). Kernel events have
/// <c>cat</c> "Node", a name "&lt;node&gt;_kernel_time", a duration in microseconds and <c>args.op_name</c>;
/// each inference is one "model_run" event of <c>cat</c> "Session".
/// </summary>
public static class OrtProfileTrace
{
    private const string KernelSuffix = "_kernel_time";

    /// <summary>Kernel time per node averaged over the runs after the first (the first pays lazy initialisation).</summary>
    /// <exception cref="InvalidDataException">Not an ORT profile, or fewer than two runs in it.</exception>
    public static ProfiledKernels Read(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            using var document = JsonDocument.Parse(stream);
            return Read(document.RootElement, path);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not an ONNX Runtime profile: {e.Message}", e);
        }
    }

    private static ProfiledKernels Read(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path} is not an ONNX Runtime profile: expected a JSON array of trace events");
        }

        var runs = root.EnumerateArray()
            .Where(e => Text(e, "cat") == "Session" && Text(e, "name") == "model_run")
            .Select(e => (Start: Number(e, "ts"), End: Number(e, "ts") + Number(e, "dur")))
            .OrderBy(r => r.Start)
            .ToList();
        if (runs.Count < 2)
        {
            throw new InvalidDataException($"{path} holds {runs.Count} model run(s); at least two are needed (the first is dropped as cold)");
        }

        var firstEnd = runs[0].End;
        var totals = new Dictionary<string, (string Op, string Provider, double Us)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var e in root.EnumerateArray())
        {
            var name = Text(e, "name");
            if (Text(e, "cat") != "Node" || name is null || !name.EndsWith(KernelSuffix, StringComparison.Ordinal) || Number(e, "ts") < firstEnd)
            {
                continue;
            }

            var node = name[..^KernelSuffix.Length];
            var args = e.TryGetProperty("args", out var a) ? a : default;
            var op = args.ValueKind == JsonValueKind.Object ? Text(args, "op_name") ?? "?" : "?";
            var provider = args.ValueKind == JsonValueKind.Object ? Text(args, "provider") ?? string.Empty : string.Empty;
            if (!totals.TryGetValue(node, out var total))
            {
                order.Add(node);
                total = (op, provider, 0);
            }

            totals[node] = total with { Us = total.Us + Number(e, "dur") };
        }

        var profiled = runs.Count - 1;
        return new ProfiledKernels(
            profiled,
            [.. order.Select(n => new KernelTime(n, totals[n].Op, totals[n].Provider, totals[n].Us / profiled / 1000.0))]);
    }

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double Number(JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;
}

/// <summary>Kernel times of one inference, averaged over <paramref name="Runs"/> runs, in execution order.</summary>
public sealed record ProfiledKernels(int Runs, ImmutableArray<KernelTime> Kernels);

/// <summary>One kernel: ORT's node name, operator, provider and milliseconds per inference.</summary>
public sealed record KernelTime(string Node, string Op, string Provider, double Ms);
