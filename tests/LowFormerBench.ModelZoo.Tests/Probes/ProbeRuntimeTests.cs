using LowFormerBench.ModelZoo.Probes;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LowFormerBench.ModelZoo.Tests.Probes;

/// <summary>Every shipped probe is a graph ONNX Runtime accepts and runs to finite outputs of the declared shape.</summary>
public sealed class ProbeRuntimeTests
{
    [Fact]
    public void Build_EveryPaperBlocksProbe_RunsInOnnxRuntime()
    {
        var random = new Random(7);
        foreach (var probe in ProbeCatalog.Expand(ProbeCatalog.Set(ProbeCatalog.PaperBlocks)).SelectMany(c => c.Probes))
        {
            var built = ProbeBuilder.Build(probe.Probe, batch: 1);
            using var options = new SessionOptions { IntraOpNumThreads = 1 };
            using var session = new InferenceSession(Google.Protobuf.MessageExtensions.ToByteArray(built.Model), options);
            var shape = probe.Probe.Input;
            var data = new float[shape.Elements];
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = (float)((random.NextDouble() * 2) - 1);
            }

            var input = new DenseTensor<float>(data, [1, shape.Channels, shape.Resolution, shape.Resolution]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(ProbeBuilder.InputName, input)]);
            var output = results.Single().AsTensor<float>();

            Assert.True(output.All(float.IsFinite), $"{probe.Probe.Name} gave a non-finite output");
            Assert.Equal(1, output.Dimensions[0]);
        }
    }
}
