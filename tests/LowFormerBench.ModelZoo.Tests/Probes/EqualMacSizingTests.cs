using LowFormerBench.ModelZoo.Probes;

namespace LowFormerBench.ModelZoo.Tests.Probes;

public sealed class EqualMacSizingTests
{
    [Fact]
    public void Expand_PaperBlocks_EqualMacVariantsAreWithinTwoPercentOfTheirReference()
    {
        var comparisons = ProbeCatalog.Expand(ProbeCatalog.Set(ProbeCatalog.PaperBlocks));
        var sized = comparisons.SelectMany(c => c.Probes.Skip(1).Select(p => (c.Reference, Probe: p)))
            .Where(t => t.Probe.Probe.Sizing == ProbeSizing.EqualMacs).ToList();

        Assert.True(sized.Count >= 20, $"only {sized.Count} equal-MAC variants");
        foreach (var (reference, probe) in sized)
        {
            var residual = ((double)probe.Macs / reference.Macs) - 1;
            Assert.True(Math.Abs(residual) <= 0.02, $"{probe.Probe.Name}: {probe.Macs} MACs vs {reference.Macs} ({residual:P2})");
            Assert.Equal(residual, probe.MacResidual, 12);
        }
    }

    [Fact]
    public void Expand_GroupedConvThatNoSquareWidthFits_StepsInputAndOutputWidthsApart()
    {
        // 64·√8 ≈ 181: the multiples of 8 around it (176, 184) miss by 5.5 % and 3.3 % as square convs.
        var grouped = ProbeCatalog.Expand(new ProbeParameters(ProbeFamily.Conv, Kernels: [3], Strides: [1], Groups: [8], Channels: [64], Resolutions: [28]))
            .Single().Probes.Single(p => p.Probe.Variant == "grouped-g8");

        Assert.InRange(grouped.MacResidual, -0.02, 0.02);
        Assert.Contains("176->184", grouped.Probe.Detail);
    }

    [Fact]
    public void Expand_EqualShapeVariant_ReportsItsMacResidual()
    {
        var comparison = ProbeCatalog.Expand(new ProbeParameters(ProbeFamily.InvertedResidual, Expansions: [4], Channels: [64], Resolutions: [28])).Single();
        var fused = comparison.Probes.Single(p => p.Probe.Variant == "fused");

        Assert.Equal(ProbeSizing.EqualShape, fused.Probe.Sizing);
        Assert.Equal(((double)fused.Macs / comparison.Reference.Macs) - 1, fused.MacResidual, 12);
        Assert.True(fused.MacResidual > 1, $"a fused 3×3 expand has far more MACs than MBConv's 1×1, got {fused.MacResidual:P0}");
    }
}
