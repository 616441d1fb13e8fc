using LowFormerBench.ModelZoo.Counting;
using LowFormerBench.ModelZoo.Probes;

namespace LowFormerBench.ModelZoo.Tests.Probes;

/// <summary>
/// One probe of every family against MACs and parameters worked out by hand here (MACs: conv/linear/matmul
/// multiply-accumulates per image; parameters: weights, biases and norm affines), and every shipped probe's builder tally
/// against the zoo's independent ONNX counter.
/// </summary>
public sealed class ProbeCountTests
{
    private const long Hw28 = 28 * 28;
    private const long Hw14 = 14 * 14;

    public static TheoryData<string, long, long> HandCounted => new()
    {
        // 3×3 conv 64→64 on 28²: 64·64·9 MACs per pixel, 64·64·9 weights, no bias.
        { "conv/k3-s1@64x28/standard", 64L * 64 * 9 * Hw28, 64L * 64 * 9 },
        // Equal MACs by channels: a depthwise 3×3 needs 64² = 4096 channels for the same 64·64·9 per pixel.
        { "conv/k3-s1@64x28/depthwise", 4096L * 9 * Hw28, 4096L * 9 },
        // MBConv e4 on 64×28²: 1×1 64→256, depthwise 3×3 on 256, 1×1 256→64; a BN (scale + shift) after each.
        { "inverted-residual/e4@64x28/mbconv", ((64L * 256) + (256 * 9) + (256 * 64)) * Hw28, (64L * 256) + 512 + (256 * 9) + 512 + (256 * 64) + 128 },
        // MHSA on 128×14² (4 heads of 32): qkv 128→384, q·kᵀ and att·v each 4·196·32·196, proj 128→128; biases on both 1×1s.
        { "token-mixer/@128x14/mhsa", (128L * 384 * Hw14) + (2L * 4 * 196 * 32 * 196) + (128L * 128 * Hw14), (128L * 384) + 384 + (128 * 128) + 128 },
        // MLP e4 on 196 tokens of 128: two Linear layers 128→512→128 with biases.
        { "mlp/e4@128x14/linear", 2L * 196 * 128 * 512, (128L * 512) + 512 + (512 * 128) + 128 },
        // Activations have no MACs and no parameters.
        { "activation/@32x56/gelu", 0, 0 },
        // 3×3 conv 64→64 and a BatchNorm (64 scales, 64 shifts).
        { "norm/@64x28/batchnorm", 64L * 64 * 9 * Hw28, (64L * 64 * 9) + 128 },
        // Four 3×3 conv 128→128 + BN blocks on 14².
        { "macro/d4@128x14/base", 4L * 128 * 128 * 9 * Hw14, 4L * ((128 * 128 * 9) + 256) },
    };

    [Theory]
    [MemberData(nameof(HandCounted))]
    public void Expand_PaperBlocksProbe_HasHandCountedMacsAndParameters(string name, long macs, long parameters)
    {
        var probe = PaperBlocks().Single(p => p.Probe.Name == name);

        Assert.Equal(macs, probe.Macs);
        Assert.Equal(parameters, probe.Parameters);
    }

    [Fact]
    public void Expand_PaperBlocks_EveryBuilderTallyMatchesTheOnnxCounter()
    {
        foreach (var probe in PaperBlocks())
        {
            var built = ProbeBuilder.Build(probe.Probe, withWeights: false);
            var counted = OnnxModelCounter.Count(built.Model, new CountOptions(Resolution: probe.Probe.Input.Resolution));

            Assert.True(counted.Macs == built.Macs, $"{probe.Probe.Name}: counter {counted.Macs} MACs, builder {built.Macs}");
            Assert.True(counted.Parameters == built.Parameters, $"{probe.Probe.Name}: counter {counted.Parameters} params, builder {built.Parameters}");
        }
    }

    [Fact]
    public void Expand_PaperBlocks_CoversEveryFamily()
    {
        var families = PaperBlocks().Select(p => p.Probe.Family).Distinct().Order();

        Assert.Equal(ProbeFamilies.All.Order(), families);
    }

    private static IEnumerable<SizedProbe> PaperBlocks() =>
        ProbeCatalog.Expand(ProbeCatalog.Set(ProbeCatalog.PaperBlocks)).SelectMany(c => c.Probes);
}
