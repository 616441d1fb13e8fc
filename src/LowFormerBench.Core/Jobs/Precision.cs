namespace LowFormerBench.Core.Jobs;

/// <summary>The number format a job's model computes in. On the wire, in suites, options and SQL: "fp32", "fp16".</summary>
public enum Precision
{
    Fp32,
    Fp16,
}

public static class PrecisionNames
{
    public const string Known = "fp32 or fp16";

    public static string ToWire(this Precision precision) => precision == Precision.Fp16 ? "fp16" : "fp32";

    public static bool TryParse(string? text, out Precision precision)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "fp32":
                precision = Precision.Fp32;
                return true;
            case "fp16":
                precision = Precision.Fp16;
                return true;
            default:
                precision = Precision.Fp32;
                return false;
        }
    }

    /// <summary>Parses at an edge that already validated the text (a stored column, a checked option).</summary>
    public static Precision Parse(string text) =>
        TryParse(text, out var precision) ? precision : throw new FormatException($"precision must be {Known}, not '{text}'");
}
