using LowFormerBench.ModelZoo.Onnx;
using LowFormerBench.ModelZoo.Weights;

namespace LowFormerBench.ModelZoo.Architectures.LowFormer;

/// <summary>
/// The LowFormer classification network (Nottebaum et al., WACV 2025), op by op as the released
/// <c>lowformer_model.py</c> builds it for inference. Scopes follow its module paths so that operator
/// profiles name the modules of the paper.
/// </summary>
public static class LowFormerBuilder
{
    private const int LocalExpand = 4;
    private const int MlpExpand = 4;
    // Fused MBConv replaces depthwise MBConv below this width (ops.py: `fuseconv and in_channels < 256`).
    private const int FusedLocalBelowChannels = 256;

    public static Value Build(GraphBuilder b, Value image, LowFormerVariant v)
    {
        var x = Stem(b, image, v);
        for (var stage = 1; stage <= 2; stage++)
        {
            using var scope = b.Scope($"stages.{stage - 1}");
            for (var i = 0; i < v.Depths[stage]; i++)
            {
                using var block = b.Scope($"op_list.{i}");
                x = i == 0
                    ? FusedMBConv(b, x, v.Widths[stage], v.DownExpand, stride: 2, localBias: false)
                    : b.Add(x, FusedMBConv(b, x, v.Widths[stage], LocalExpand, stride: 1, localBias: false, residual: true));
            }
        }

        for (var stage = 3; stage <= 4; stage++)
        {
            using var scope = b.Scope($"stages.{stage - 1}");
            using (b.Scope("op_list.0"))
            {
                x = FusedMBConv(b, x, v.Widths[stage], v.DownExpand, stride: 2, localBias: false);
            }

            for (var i = 0; i < v.Depths[stage]; i++)
            {
                using var block = b.Scope($"op_list.{i + 1}");
                x = LowFormerBlock(b, x, v.Mixer, attentionStride: stage == 3 ? 2 : 1);
            }
        }

        return b.ClsHead(x, v.HeadWidths);
    }

    private static Value Stem(GraphBuilder b, Value image, LowFormerVariant v)
    {
        using var scope = b.Scope("input_stem");
        var x = b.ConvLayer(image, v.Widths[0], 3, stride: 2, act: Activation.HardSwish, name: "op_list.0");
        for (var i = 0; i < v.Depths[0]; i++)
        {
            using var block = b.Scope($"op_list.{i + 1}");
            x = b.Add(x, FusedMBConv(b, x, v.Widths[0], v.StemExpand, stride: 1, localBias: false, residual: true));
        }

        return x;
    }

    /// <summary>3×3 conv expanding to round(Cin·e) → BN → Hardswish → 1×1 conv → BN (no activation).</summary>
    /// <remarks>
    /// A residual branch's last BN starts small (torchvision's zero_init_residual idea): with untrained weights
    /// the residual stream of the deep variants would otherwise grow past float16's range.
    /// </remarks>
    private static Value FusedMBConv(GraphBuilder b, Value x, int outChannels, int expand, int stride, bool localBias, bool residual = false)
    {
        using var scope = b.Scope("main");
        var mid = b.ConvLayer(x, x.Channels * expand, 3, stride, bias: localBias, act: Activation.HardSwish, name: "spatial_conv");
        return b.ConvLayer(mid, outChannels, 1, name: "point_conv", normScale: residual ? WeightInit.ResidualBranchNormScale : null);
    }

    /// <summary>1×1 (bias) → Hardswish → depthwise 3×3 (bias) → Hardswish → 1×1 → BN; used where C ≥ 256.</summary>
    private static Value MBConv(GraphBuilder b, Value x, int expand)
    {
        using var scope = b.Scope("main");
        var c = x.Channels;
        var y = b.ConvLayer(x, c * expand, 1, bias: true, norm: false, act: Activation.HardSwish, name: "inverted_conv");
        y = b.ConvLayer(y, c * expand, 3, groups: c * expand, bias: true, norm: false, act: Activation.HardSwish, name: "depth_conv");
        return b.ConvLayer(y, c, 1, name: "point_conv", normScale: WeightInit.ResidualBranchNormScale);
    }

    private static Value LowFormerBlock(GraphBuilder b, Value x, LowFormerMixer mixer, int attentionStride)
    {
        switch (mixer)
        {
            case LowFormerMixer.AttentionAndMlp:
                using (b.Scope("attention"))
                {
                    x = b.Add(x, Lowtention(b, b.GroupNorm1(x, "pre_norm"), attentionStride));
                }

                using (b.Scope("mlp"))
                {
                    x = b.Add(x, Mlp(b, b.GroupNorm1(x, "pre_norm")));
                }

                break;
            case LowFormerMixer.AttentionOnly:
                using (b.Scope("attention"))
                {
                    x = b.Add(x, Lowtention(b, x, attentionStride));
                }

                break;
            case LowFormerMixer.None:
                break;
        }

        using (b.Scope("local"))
        {
            var local = x.Channels < FusedLocalBelowChannels
                ? FusedMBConv(b, x, x.Channels, LocalExpand, stride: 1, localBias: true, residual: true)
                : MBConv(b, x, LocalExpand);
            return b.Add(x, local);
        }
    }

    /// <summary>
    /// Lowtention (ConvAttention in ops.py): depthwise conv + BN (stride 2, 5×5 in stage 3; 3×3 in stage 4),
    /// 1×1 to q/k/v with half the channels, softmax attention per head, and a dense ConvTranspose that both
    /// projects back to C channels and restores the resolution, cropped to the input size.
    /// </summary>
    internal static Value Lowtention(GraphBuilder b, Value x, int stride)
    {
        var c = x.Channels;
        var heads = Math.Max(1, c / 2 / 30);
        var headDim = c / heads / 2;
        var inner = heads * headDim;
        var kernel = stride > 1 ? 5 : 3;

        var reduced = b.ConvLayer(x, c, kernel, stride, groups: c, name: "conv_proj");
        var qkv = b.Conv2d(reduced, 3 * inner, 1, name: "pwise");
        var (h, w) = (qkv.Height, qkv.Width);
        var tokens = b.Transpose(b.Reshape(qkv, heads, 3 * headDim, h * w), 0, 1, 3, 2);
        var parts = b.SplitLast(tokens, 3);
        var logits = b.DivByScalar(b.MatMul(parts[0], b.Transpose(parts[1], 0, 1, 3, 2)), MathF.Sqrt(headDim));
        var values = b.MatMul(b.Softmax(logits), parts[2]);
        var merged = b.Reshape(b.Transpose(values, 0, 1, 3, 2), inner, h, w);
        var restored = stride > 1
            ? b.ConvTranspose2d(merged, c, kernel: 2 * stride, stride: stride, padding: stride / 2)
            : b.ConvTranspose2d(merged, c, kernel: 3, stride: 1, padding: 1);
        return restored.Height == x.Height && restored.Width == x.Width
            ? restored
            : b.CropSpatial(restored, x.Height, x.Width);
    }

    private static Value Mlp(GraphBuilder b, Value x)
    {
        var c = x.Channels;
        var hidden = b.Activate(b.Conv2d(x, c * MlpExpand, 1, bias: true, name: "fc1"), Activation.Gelu);
        return b.Conv2d(hidden, c, 1, bias: true, name: "fc2");
    }
}
