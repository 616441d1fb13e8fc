using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Jobs;
using YamlDotNet.RepresentationModel;

namespace LowFormerBench.Core.Suites;

/// <summary>Reads each suite field from the YAML tree, recording problems instead of stopping at the first.</summary>
internal sealed class SuiteFields(YamlMappingNode root, SuiteErrors errors)
{
    private static readonly string[] KnownPrecisions = ["fp32", "fp16"];

    public IEnumerable<YamlScalarNode> UnknownKeys(IReadOnlySet<string> known) =>
        root.Children.Keys.OfType<YamlScalarNode>().Where(k => !known.Contains(k.Value ?? ""));

    public string? RequiredString(string key)
    {
        if (!root.Children.TryGetValue(key, out var node))
        {
            errors.AddAtTop(key, "required field is missing");
            return null;
        }

        if (node is not YamlScalarNode { Value: { Length: > 0 } value })
        {
            errors.Add(node, key, "must be a non-empty string");
            return null;
        }

        return value;
    }

    public IReadOnlyList<SuiteModel> Models()
    {
        var items = RequiredSequence("models");
        var models = new List<SuiteModel>();
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"models[{i}]";
            switch (items[i])
            {
                case YamlScalarNode { Value: { Length: > 0 } name }:
                    models.Add(new SuiteModel(name, name, null, errors.LocationOf(items[i], field)));
                    break;
                case YamlMappingNode entry:
                    var display = Scalar(entry, "name");
                    var file = Scalar(entry, "file");
                    if (display is null || file is null)
                    {
                        errors.Add(entry, field, "a file model needs both 'name' (shown in results) and 'file' (path to an .onnx file)");
                        break;
                    }

                    models.Add(new SuiteModel(display, null, file, errors.LocationOf(entry, field)));
                    break;
                default:
                    errors.Add(items[i], field, "must be a built-in model name or {name: DISPLAY, file: PATH}");
                    break;
            }
        }

        foreach (var duplicate in models.GroupBy(m => m.DisplayName).Where(g => g.Count() > 1))
        {
            var second = duplicate.Skip(1).First().Location;
            errors.Add(items[0], second.Field, $"model name '{duplicate.Key}' appears more than once; results are keyed by it");
        }

        return models;
    }

    public IReadOnlyList<Scenario> Scenarios()
    {
        var result = new List<Scenario>();
        var items = RequiredSequence("scenarios");
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is YamlScalarNode scalar && ScenarioNames.TryParse(scalar.Value, out var scenario))
            {
                result.Add(scenario);
            }
            else
            {
                errors.Add(items[i], $"scenarios[{i}]", "must be 'latency' or 'throughput'");
            }
        }

        return result.Distinct().ToList();
    }

    /// <summary>A list for every scenario, or a mapping {latency: [1], throughput: [200]}.</summary>
    public IReadOnlyDictionary<Scenario, IReadOnlyList<int>> BatchSizes(IReadOnlyList<Scenario> scenarios)
    {
        const string key = "batch_sizes";
        const int max = JobSpec.MaxBatch;
        var sizes = new Dictionary<Scenario, IReadOnlyList<int>>();
        if (!root.Children.TryGetValue(key, out var node))
        {
            return sizes;
        }

        if (node is YamlMappingNode perScenario)
        {
            foreach (var (k, v) in perScenario.Children)
            {
                if (k is YamlScalarNode s && ScenarioNames.TryParse(s.Value, out var scenario))
                {
                    sizes[scenario] = PositiveInts(v, $"{key}.{s.Value}", max) ?? [];
                }
                else
                {
                    errors.Add(k, key, "keys must be 'latency' or 'throughput'");
                }
            }

            return sizes;
        }

        var all = PositiveInts(node, key, max) ?? [];
        return scenarios.ToDictionary(s => s, _ => all);
    }

    /// <summary>
    /// batch_sweep: a maximum (64: the powers of two up to it), a list ([1, 8, 32, 64]) or the CLI's text ("1,8,64"),
    /// as <see cref="BatchSweepSizes"/> reads them. It gives the throughput scenario's batches, so the suite must have
    /// that scenario and must not also give throughput batch sizes.
    /// </summary>
    public IReadOnlyList<int>? BatchSweep(IReadOnlyList<Scenario> scenarios)
    {
        const string key = "batch_sweep";
        if (!root.Children.TryGetValue(key, out var node))
        {
            return null;
        }

        IReadOnlyList<int>? batches = null;
        switch (node)
        {
            case YamlScalarNode scalar:
                if (BatchSweepSizes.TryParse(scalar.Value, out var parsed, out var error))
                {
                    batches = parsed;
                }
                else
                {
                    errors.Add(node, key, error);
                }

                break;
            case YamlSequenceNode sequence when sequence.Children.Count == 0:
                errors.Add(node, key, $"must list at least one batch size; {BatchSweepSizes.Hint}");
                break;
            case YamlSequenceNode:
                var listed = PositiveInts(node, key, BatchSweepSizes.MaxBatch);
                batches = listed is { Count: > 0 } ? BatchSweepSizes.FromList(listed) : null;
                break;
            default:
                errors.Add(node, key, $"must be a maximum batch such as 64 (the powers of two up to it) or a list such as [1, 8, 32, 64]");
                break;
        }

        if (scenarios.Count > 0 && !scenarios.Contains(Scenario.Throughput))
        {
            errors.Add(node, key, "sweeps the throughput scenario's batch, but 'scenarios' has no throughput; add throughput to scenarios or remove batch_sweep");
        }

        if (root.Children.TryGetValue("batch_sizes", out var sizes) &&
            (sizes is not YamlMappingNode perScenario || perScenario.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "throughput")))
        {
            errors.Add(node, key, "gives the throughput batches, and batch_sizes gives them too; keep one: " +
                "batch_sizes: {latency: [1]} with batch_sweep, or throughput batches in batch_sizes without batch_sweep");
        }

        return batches;
    }

    public IReadOnlyList<int>? PositiveInts(string key, int max) =>
        root.Children.TryGetValue(key, out var node) ? PositiveInts(node, key, max) : null;

    private IReadOnlyList<int>? PositiveInts(YamlNode node, string key, int max)
    {
        var values = new List<int>();
        var items = AsSequence(node, key);
        for (var i = 0; i < items.Count; i++)
        {
            var value = items[i] is YamlScalarNode s ? SuiteParser.ParseInt(s.Value) : null;
            if (value is >= 1 && value <= max)
            {
                values.Add(value.Value);
            }
            else
            {
                errors.Add(items[i], $"{key}[{i}]", $"must be an integer from 1 to {max}");
            }
        }

        return values.Distinct().ToList();
    }

    public IReadOnlyList<Precision> Precisions() =>
        Choices("precisions", KnownPrecisions, p => Array.Find(KnownPrecisions, k => k == p.ToLowerInvariant()))?.Select(PrecisionNames.Parse).ToList()
        ?? [Suite.DefaultPrecision];

    public IReadOnlyList<string> Providers() =>
        Choices("providers", ProviderNames.Known, ProviderNames.Normalize) ?? [Suite.DefaultProvider];

    public IReadOnlyDictionary<string, string> StringMap(string key) =>
        root.Children.TryGetValue(key, out var node) ? ScalarMap(node, key) : new Dictionary<string, string>();

    public IReadOnlyList<DeviceSelector> Devices()
    {
        if (!root.Children.TryGetValue("devices", out var node))
        {
            return [DeviceSelector.Any];
        }

        var selectors = new List<DeviceSelector>();
        var items = AsSequence(node, "devices");
        for (var i = 0; i < items.Count; i++)
        {
            selectors.Add(new DeviceSelectorReader(errors).Read(items[i], $"devices[{i}]"));
        }

        return selectors.Count == 0 ? [DeviceSelector.Any] : selectors;
    }

    /// <summary>true or false; absent is false.</summary>
    public bool Flag(string key)
    {
        if (!root.Children.TryGetValue(key, out var node))
        {
            return false;
        }

        if (node is YamlScalarNode { Value: { } text } && bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add(node, key, "must be true or false");
        return false;
    }

    public MeasurementBudget Budget() =>
        root.Children.TryGetValue("budget", out var node) ? new BudgetReader(errors).Read(node) : MeasurementBudget.Default;

    private IReadOnlyList<string>? Choices(string key, IEnumerable<string> known, Func<string, string?> normalize)
    {
        if (!root.Children.TryGetValue(key, out var node))
        {
            return null;
        }

        var result = new List<string>();
        var items = AsSequence(node, key);
        for (var i = 0; i < items.Count; i++)
        {
            var value = items[i] is YamlScalarNode { Value: { } text } ? normalize(text) : null;
            if (value is null)
            {
                errors.Add(items[i], $"{key}[{i}]", $"must be one of {string.Join(", ", known)}");
            }
            else
            {
                result.Add(value);
            }
        }

        return result.Distinct().ToList();
    }

    private IReadOnlyList<YamlNode> RequiredSequence(string key)
    {
        if (!root.Children.TryGetValue(key, out var node))
        {
            errors.AddAtTop(key, "required field is missing");
            return [];
        }

        var items = AsSequence(node, key);
        if (items.Count == 0 && node is YamlSequenceNode)
        {
            errors.Add(node, key, "must list at least one entry");
        }

        return items;
    }

    private IReadOnlyList<YamlNode> AsSequence(YamlNode node, string key)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.ToList();
        }

        errors.Add(node, key, "must be a list, e.g. [a, b]");
        return [];
    }

    private Dictionary<string, string> ScalarMap(YamlNode node, string key)
    {
        var map = new Dictionary<string, string>();
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(node, key, "must be a mapping of names to values");
            return map;
        }

        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && v is YamlScalarNode { Value: { } value })
            {
                map[name] = value;
            }
            else
            {
                errors.Add(k, key, "entries must be plain name: value pairs");
            }
        }

        return map;
    }

    internal static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(key, out var node) && node is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;
}
