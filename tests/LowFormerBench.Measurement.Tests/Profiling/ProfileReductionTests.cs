using LowFormerBench.Core.Results;
using LowFormerBench.Measurement.Profiling;
using LowFormerBench.ModelZoo;
using LowFormerBench.ModelZoo.Counting;
using LowFormerBench.ModelZoo.Onnx;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Profiling;

/// <summary>
/// The reduction on a trace ONNX Runtime 1.31.1 wrote here (TestAssets/ort-profile-lowformer-b0-r64.json: LowFormer-B0 at
/// 64x64, batch 1, one intra-op thread, optimisation level "all", three runs) joined with the zoo's count of the same model.
/// </summary>
public sealed class ProfileReductionTests
{
    private const string TracePath = "TestAssets/ort-profile-lowformer-b0-r64.json";

    private static readonly Lazy<ModelNodes> Model = new(() =>
    {
        var model = Zoo.Build("lowformer-b0", new ModelBuildOptions(64)).Model;
        return new ModelNodes(model, OnnxModelCounter.Count(model, new CountOptions(Resolution: 64)));
    });

    [Fact]
    public void Read_RecordedTrace_DropsTheColdRunAndAveragesTheOthers()
    {
        var kernels = OrtProfileTrace.Read(TracePath);

        Assert.Equal(2, kernels.Runs);
        Assert.Equal(kernels.Kernels.Length, kernels.Kernels.Select(k => k.Node).Distinct().Count());
        Assert.All(kernels.Kernels, k => Assert.True(k.Ms >= 0 && k.Provider == "CPUExecutionProvider", k.Node));
        Assert.Contains(kernels.Kernels, k => k.Op == "FusedMatMul");
    }

    [Fact]
    public void Reduce_RecordedTrace_SharesSumToOneAndEveryMacIsAttributed()
    {
        var profile = ProfileReduction.Reduce(OrtProfileTrace.Read(TracePath), Model.Value, "all");

        Assert.Equal(1.0, profile.Operators.Sum(o => o.TimeShare), 9);
        Assert.Equal(1.0, profile.Operators.Sum(o => o.MacShare), 9);
        Assert.Equal(1.0, profile.Nodes.Sum(n => n.TimeShare), 9);
        Assert.Equal(profile.KernelMs, profile.Nodes.Sum(n => n.TimeMs), 9);
        Assert.Equal(Model.Value.Macs, profile.ModelMacs);

        // Layout-transformed Conv+BN kernels ("<BN output>_output_nchwc") and fused MatMuls all find their node.
        Assert.Equal(profile.ModelMacs, profile.AttributedMacs);
        Assert.DoesNotContain(profile.Notes, n => n.Contains("matched no kernel", StringComparison.Ordinal));
    }

    [Fact]
    public void Reduce_RecordedTrace_NchwcKernelCarriesItsConvolutionsMacs()
    {
        var profile = ProfileReduction.Reduce(OrtProfileTrace.Read(TracePath), Model.Value, "all");

        var stem = Assert.Single(profile.Nodes, n => n.Kernel == "/input_stem/op_list.0/norm/BatchNormalization_0_output_nchwc");
        var conv = Assert.Single(Model.Value.All, n => n.Name == stem.ModelNode);
        Assert.Equal("Conv", conv.OpType);
        Assert.Equal(conv.Macs, stem.Macs);
        Assert.True(stem.Macs > 0);
    }

    [Fact]
    public void Reduce_RecordedTrace_DepthwiseConvolutionsAreTheirOwnOperatorType()
    {
        var profile = ProfileReduction.Reduce(OrtProfileTrace.Read(TracePath), Model.Value, "all");

        var depthwise = Assert.Single(profile.Operators, o => o.OpType == "Conv (depthwise)");
        Assert.True(depthwise.Kernels > 0);
        Assert.True(depthwise.Macs > 0 && depthwise.TimeMs > 0);
        Assert.Contains(profile.Operators, o => o.OpType == "Conv" && o.Macs > depthwise.Macs);
    }

    [Fact]
    public void Json_RoundTrip_KeepsEveryShare()
    {
        var profile = ProfileReduction.Reduce(OrtProfileTrace.Read(TracePath), Model.Value, "all");

        var json = OperatorProfileJson.Serialize(profile);
        var back = OperatorProfileJson.Deserialize(json);

        Assert.Contains("\"time_share\"", json, StringComparison.Ordinal);
        Assert.Equal(profile.Operators, back.Operators);
        Assert.Equal(profile.Nodes, back.Nodes);
        Assert.Equal(profile.Notes, back.Notes);
        Assert.Equal(profile with { Operators = back.Operators, Nodes = back.Nodes, Notes = back.Notes }, back);
    }

    [Fact]
    public void Read_NotAProfile_SaysWhatIsWrong()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\"not\": \"a trace\"}");

            var e = Assert.Throws<InvalidDataException>(() => OrtProfileTrace.Read(path));

            Assert.Contains("not an ONNX Runtime profile", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
