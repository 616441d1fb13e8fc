using LowFormerBench.ModelZoo.Probes.Families;

namespace LowFormerBench.ModelZoo.Probes;

/// <summary>Expands probe requests into sized comparisons, and knows the shipped probe sets.</summary>
public static class ProbeCatalog
{
    public const string PaperBlocks = "paper-blocks";

    private static readonly Dictionary<ProbeFamily, string[]> Parameters = new()
    {
        [ProbeFamily.Conv] = [ProbeParameters.Kernel, ProbeParameters.Stride, ProbeParameters.GroupsKey, ProbeParameters.ChannelsKey, ProbeParameters.Resolution],
        [ProbeFamily.InvertedResidual] = [ProbeParameters.Expansion, ProbeParameters.ChannelsKey, ProbeParameters.Resolution],
        [ProbeFamily.TokenMixer] = [ProbeParameters.ChannelsKey, ProbeParameters.Resolution],
        [ProbeFamily.Mlp] = [ProbeParameters.Expansion, ProbeParameters.ChannelsKey, ProbeParameters.Resolution],
        [ProbeFamily.Activation] = [ProbeParameters.Activation, ProbeParameters.ChannelsKey, ProbeParameters.Resolution],
        [ProbeFamily.Norm] = [ProbeParameters.ChannelsKey, ProbeParameters.Resolution],
        [ProbeFamily.Macro] = [ProbeParameters.Depth, ProbeParameters.ChannelsKey, ProbeParameters.Resolution],
    };

    /// <summary>
    /// The paper's comparisons at the shapes LowFormer-B1 has at 224: stage 1 32×56², stage 2 64×28², stage 3 128×14²,
    /// stage 4 256×7² (reference/lowformer.md §1.3): convs and norms at stage 2, MBConv vs fused at stage 2 (where LowFormer
    /// fuses) and stage 4 (where it keeps MBConv), token mixers at stages 3 and 4, the MLP at stage 3, activations at stage 1.
    /// Sized to run in a few minutes on a small CPU with short budgets.
    /// </summary>
    private static readonly IReadOnlyList<ProbeParameters> PaperBlocksSet =
    [
        new(ProbeFamily.Conv, Kernels: [3, 5], Strides: [1], Channels: [64], Resolutions: [28]),
        new(ProbeFamily.Conv, Kernels: [3], Strides: [2], Channels: [64], Resolutions: [28]),
        new(ProbeFamily.InvertedResidual, Expansions: [4, 6], Channels: [64], Resolutions: [28]),
        new(ProbeFamily.InvertedResidual, Expansions: [4], Channels: [256], Resolutions: [7]),
        new(ProbeFamily.TokenMixer, Channels: [128], Resolutions: [14]),
        new(ProbeFamily.TokenMixer, Channels: [256], Resolutions: [7]),
        new(ProbeFamily.Mlp, Expansions: [4], Channels: [128], Resolutions: [14]),
        new(ProbeFamily.Activation, Channels: [32], Resolutions: [56]),
        new(ProbeFamily.Norm, Channels: [64], Resolutions: [28]),
        new(ProbeFamily.Macro, Depths: [4], Channels: [128], Resolutions: [14]),
    ];

    public static IReadOnlyList<string> SetNames { get; } = [PaperBlocks];

    public static IReadOnlyList<string> ParametersOf(ProbeFamily family) => Parameters[family];

    /// <summary>The requests of a shipped set, or an error naming the sets there are.</summary>
    public static IReadOnlyList<ProbeParameters> Set(string name) =>
        string.Equals(name?.Trim(), PaperBlocks, StringComparison.OrdinalIgnoreCase)
            ? PaperBlocksSet
            : throw new ProbeRequestException([$"unknown probe set '{name}'; sets: {string.Join(", ", SetNames)}"]);

    /// <summary>Every comparison of the requests, sized; all problems of all requests at once, before anything is built with weights.</summary>
    public static IReadOnlyList<ProbeComparison> Expand(IEnumerable<ProbeParameters> requests)
    {
        var errors = new List<string>();
        var comparisons = new List<ProbeComparison>();
        foreach (var request in requests)
        {
            var check = new ParameterCheck(request.Family, []);
            comparisons.AddRange(Generate(request, check).ToList());
            errors.AddRange(check.Errors);
        }

        if (errors.Count > 0)
        {
            throw new ProbeRequestException(errors.Distinct().ToList());
        }

        return [.. comparisons.DistinctBy(c => (c.Family, c.Name))];
    }

    public static IReadOnlyList<ProbeComparison> Expand(ProbeParameters request) => Expand([request]);

    private static IEnumerable<ProbeComparison> Generate(ProbeParameters p, ParameterCheck check) => p.Family switch
    {
        ProbeFamily.Conv => ConvProbes.Generate(p, check),
        ProbeFamily.InvertedResidual => InvertedResidualProbes.Generate(p, check),
        ProbeFamily.TokenMixer => TokenMixerProbes.Generate(p, check),
        ProbeFamily.Mlp => MlpProbes.Generate(p, check),
        ProbeFamily.Activation => ActivationProbes.Generate(p, check),
        ProbeFamily.Norm => NormProbes.Generate(p, check),
        ProbeFamily.Macro => MacroProbes.Generate(p, check),
        _ => throw new ArgumentOutOfRangeException(nameof(p), p.Family, null),
    };
}
