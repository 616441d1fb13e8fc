using System.Globalization;

namespace LowFormerBench.Cli.Rendering;

/// <summary>Number formats shared by the tables.</summary>
public static class Units
{
    public const string MacsConvention =
        "MACs: multiply-accumulates of Conv, ConvTranspose, Gemm and MatMul (attention matmuls included); " +
        "normalisation, activations, softmax and elementwise ops are not counted (the ptflops/fvcore convention of the paper).";

    public static string Millions(long value) => (value / 1e6).ToString("N2", CultureInfo.InvariantCulture);

    public static string Percent(double? value) => value is { } v ? v.ToString("0.0##", CultureInfo.InvariantCulture) : "-";

    /// <summary>Mean power, or "not measured" where the device had no sensor (never 0).</summary>
    public static string Watts(double? watts) => watts is { } w ? w.ToString("0.0", CultureInfo.InvariantCulture) : "not measured";

    /// <summary>Energy per image with enough digits for a GPU's tens of millijoules; "not measured" without a sensor.</summary>
    public static string JoulesPerImage(double? joules) => joules is { } j ? j.ToString("0.0000##", CultureInfo.InvariantCulture) : "not measured";

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1 << 30 => $"{bytes / (double)(1 << 30):0.00} GiB",
        >= 1 << 20 => $"{bytes / (double)(1 << 20):0.0} MiB",
        >= 1 << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };
}
