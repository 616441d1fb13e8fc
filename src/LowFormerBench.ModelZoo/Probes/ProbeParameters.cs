using System.Globalization;

namespace LowFormerBench.ModelZoo.Probes;

/// <summary>
/// A family and its parameter lists; a list left out takes the family's default (LowFormer-B1's stage shapes). Every
/// combination of the lists is a comparison. <see cref="Parse"/> reads them from text (CLI flags, suite fields).
/// </summary>
public sealed record ProbeParameters(
    ProbeFamily Family,
    IReadOnlyList<int>? Kernels = null,
    IReadOnlyList<int>? Strides = null,
    IReadOnlyList<int>? Groups = null,
    IReadOnlyList<int>? Expansions = null,
    IReadOnlyList<string>? Activations = null,
    IReadOnlyList<int>? Channels = null,
    IReadOnlyList<int>? Resolutions = null,
    IReadOnlyList<int>? Depths = null)
{
    public const string Kernel = "kernel";
    public const string Stride = "stride";
    public const string GroupsKey = "groups";
    public const string Expansion = "expansion";
    public const string Activation = "activation";
    public const string ChannelsKey = "channels";
    public const string Resolution = "resolution";
    public const string Depth = "depth";

    public static IReadOnlyList<string> Keys { get; } = [Kernel, Stride, GroupsKey, Expansion, Activation, ChannelsKey, Resolution, Depth];

    /// <summary>
    /// Reads a family name and its parameters, each a list of values as text ("3,5" or ["3", "5"]); every problem at
    /// once, each naming the probe, the parameter and the allowed values.
    /// </summary>
    /// <param name="where">Where the request comes from, for messages (a suite location, "--family").</param>
    public static ProbeParameters Parse(string family, IReadOnlyDictionary<string, IReadOnlyList<string>> values, string where = "probe")
    {
        if (!ProbeFamilies.TryParse(family, out var parsed))
        {
            throw new ProbeRequestException([$"{where}: unknown probe family '{family}'; families: {string.Join(", ", ProbeFamilies.AllNames)}"]);
        }

        var errors = new List<string>();
        var accepted = ProbeCatalog.ParametersOf(parsed);
        foreach (var key in values.Keys.Where(k => !accepted.Contains(k)))
        {
            errors.Add($"{where}: family '{parsed.Name()}' takes no parameter '{key}'; it takes {string.Join(", ", accepted)}");
        }

        IReadOnlyList<int>? Ints(string key)
        {
            if (!values.TryGetValue(key, out var texts))
            {
                return null;
            }

            var list = new List<int>();
            foreach (var text in texts.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    list.Add(value);
                }
                else
                {
                    errors.Add($"{where}: {parsed.Name()} {key} '{text}' is not an integer");
                }
            }

            return list.Distinct().ToList();
        }

        var activations = values.TryGetValue(Activation, out var names)
            ? names.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(n => n.ToLowerInvariant()).Distinct().ToList()
            : null;
        var result = new ProbeParameters(parsed, Ints(Kernel), Ints(Stride), Ints(GroupsKey), Ints(Expansion), activations, Ints(ChannelsKey),
            Ints(Resolution), Ints(Depth));
        if (errors.Count > 0)
        {
            throw new ProbeRequestException(errors);
        }

        return result;
    }
}
