using YamlDotNet.RepresentationModel;

namespace LowFormerBench.Core.Suites;

/// <summary>
/// Reads <c>probes:</c>: a set name (<c>probes: paper-blocks</c>) or a list whose items are set names or families with
/// parameter lists (<c>- {family: conv, kernel: [3, 5], channels: 64, resolution: 28}</c>).
/// </summary>
internal sealed class SuiteProbeReader(SuiteErrors errors)
{
    private const string Key = "probes";

    public IReadOnlyList<SuiteProbe> Read(YamlNode node)
    {
        var probes = new List<SuiteProbe>();
        switch (node)
        {
            case YamlScalarNode { Value: { Length: > 0 } set }:
                probes.Add(new SuiteProbe(set, null, new Dictionary<string, IReadOnlyList<string>>(), errors.LocationOf(node, Key)));
                break;
            case YamlSequenceNode { Children.Count: 0 }:
                errors.Add(node, Key, "must list at least one probe set or family");
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    if (Item(sequence.Children[i], $"{Key}[{i}]") is { } probe)
                    {
                        probes.Add(probe);
                    }
                }

                break;
            default:
                errors.Add(node, Key, "must be a probe set name (paper-blocks) or a list of sets and {family: NAME, PARAMETER: [VALUES]}");
                break;
        }

        return probes;
    }

    private SuiteProbe? Item(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } set })
        {
            return new SuiteProbe(set, null, new Dictionary<string, IReadOnlyList<string>>(), errors.LocationOf(node, field));
        }

        if (node is not YamlMappingNode entry)
        {
            errors.Add(node, field, "must be a probe set name or {family: NAME, PARAMETER: [VALUES]}");
            return null;
        }

        var family = SuiteFields.Scalar(entry, "family");
        if (family is null)
        {
            errors.Add(entry, field, "a family entry needs 'family' (conv, inverted-residual, token-mixer, mlp, activation, norm or macro)");
        }

        var parameters = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (k, v) in entry.Children)
        {
            if (k is not YamlScalarNode { Value: { } name } || name == "family")
            {
                continue;
            }

            var values = v switch
            {
                YamlScalarNode { Value: { Length: > 0 } one } => [one],
                YamlSequenceNode list when list.Children.Count > 0 && list.Children.All(c => c is YamlScalarNode { Value.Length: > 0 }) =>
                    list.Children.Select(c => ((YamlScalarNode)c).Value!).ToList(),
                _ => (List<string>?)null,
            };
            if (values is null)
            {
                errors.Add(v, $"{field}.{name}", "must be a value or a non-empty list of values, e.g. [3, 5]");
                continue;
            }

            parameters[name] = values;
        }

        return family is null ? null : new SuiteProbe(null, family, parameters, errors.LocationOf(entry, field));
    }
}
