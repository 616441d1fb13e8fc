using System.Globalization;
using LowFormerBench.ModelZoo.Onnx;

namespace LowFormerBench.ModelZoo.Probes;

/// <summary>Builds a probe's graph: one input <c>x</c> [N, C, R, R] (symbolic batch unless fixed), the block, one output <c>y</c>.</summary>
public static class ProbeBuilder
{
    public const string InputName = "x";
    public const string OutputName = "y";

    /// <summary>The builder's resolution option sizes zoo images only; a probe gives its input shape itself.</summary>
    private const int UnusedImageResolution = 224;

    public static BuiltProbe Build(Probe probe, int? batch = null, Precision precision = Precision.Float32, bool withWeights = true)
    {
        var builder = new GraphBuilder(probe.Name, new ModelBuildOptions(UnusedImageResolution, batch, precision, withWeights));
        var x = builder.Input(InputName, probe.Input.Channels, probe.Input.Resolution, probe.Input.Resolution);
        var y = probe.Block(builder, x);
        if (y.Name == x.Name)
        {
            throw new InvalidOperationException($"probe {probe.Name} added no nodes");
        }

        builder.Output(y, OutputName);
        var model = builder.Build(new Dictionary<string, string>
        {
            ["lowformerbench.probe"] = probe.Name,
            ["lowformerbench.probe.family"] = probe.Family.Name(),
            ["lowformerbench.probe.reference"] = probe.Reference,
            ["lowformerbench.probe.input"] = probe.Input.ToString(),
            ["lowformerbench.resolution"] = probe.Input.Resolution.ToString(CultureInfo.InvariantCulture),
            ["lowformerbench.precision"] = precision.ToString().ToLowerInvariant(),
        });
        return new BuiltProbe(probe, model, builder.TrainableParameters, builder.Macs);
    }

    /// <summary>Parameters and MACs from the structure alone (no weight bytes): what sizing and listings need.</summary>
    public static (long Parameters, long Macs) Count(Probe probe)
    {
        var built = Build(probe, withWeights: false);
        return (built.Parameters, built.Macs);
    }
}
