using Google.Protobuf;
using LowFormerBench.ModelZoo.Onnx.Ir;

namespace LowFormerBench.ModelZoo.Probes;

/// <summary>A probe built as an ONNX graph, with the builder's tally of parameters and MACs (one batch item).</summary>
public sealed record BuiltProbe(Probe Probe, ModelProto Model, long Parameters, long Macs)
{
    public void WriteTo(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
        WriteTo(file);
    }

    public void WriteTo(Stream stream)
    {
        using var output = new CodedOutputStream(stream, leaveOpen: true);
        Model.WriteTo(output);
    }
}
