using LowFormerBench.ModelZoo.Onnx;
using LowFormerBench.ModelZoo.Onnx.Ir;

namespace LowFormerBench.ModelZoo;

/// <summary>
/// The smallest real model: one 3×3 convolution on a 32×32 image, pooled. Not a zoo entry: it exists so that farm
/// tests and scheduler benchmarks run thousands of real jobs in seconds. Compiled into the test projects and bench
/// (tests/Shared), not shipped.
/// </summary>
public static class TinyModel
{
    public const int Resolution = 32;

    public static ModelProto Build()
    {
        var builder = new GraphBuilder("tiny", new ModelBuildOptions(Resolution));
        var image = builder.Input(Zoo.InputName, 3, Resolution, Resolution);
        builder.Output(builder.Flatten(builder.GlobalAveragePool(builder.Activate(builder.Conv2d(image, 8, 3), Activation.Relu))), Zoo.OutputName);
        return builder.Build([]);
    }
}
