namespace LowFormerBench.ModelZoo.Probes;

/// <summary>
/// The building-block families of the "Beyond MACs" analysis (LowFormer, WACV 2025 and its journal extension): each
/// compares designs of one kind against a reference variant.
/// </summary>
public enum ProbeFamily
{
    Conv,
    InvertedResidual,
    TokenMixer,
    Mlp,
    Activation,
    Norm,
    Macro,
}

/// <summary>The families' names as the CLI, suites and results write them.</summary>
public static class ProbeFamilies
{
    private static readonly Dictionary<ProbeFamily, string> Names = new()
    {
        [ProbeFamily.Conv] = "conv",
        [ProbeFamily.InvertedResidual] = "inverted-residual",
        [ProbeFamily.TokenMixer] = "token-mixer",
        [ProbeFamily.Mlp] = "mlp",
        [ProbeFamily.Activation] = "activation",
        [ProbeFamily.Norm] = "norm",
        [ProbeFamily.Macro] = "macro",
    };

    public static IReadOnlyList<ProbeFamily> All { get; } = Enum.GetValues<ProbeFamily>();

    public static IEnumerable<string> AllNames => All.Select(Name);

    public static string Name(this ProbeFamily family) => Names[family];

    public static bool TryParse(string? text, out ProbeFamily family)
    {
        foreach (var (f, name) in Names)
        {
            if (string.Equals(name, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                family = f;
                return true;
            }
        }

        family = default;
        return false;
    }
}
