using Xunit;
using LowFormerBench.Core.Probes;

namespace LowFormerBench.Core.Tests.Probes;

public sealed class ProbeRatiosTests
{
    [Fact]
    public void Compute_EqualMacs_RatioIsTimePerGmacOverTheReferences()
    {
        var rows = ProbeRatios.Compute([
            new ProbeTiming("conv", "k3", "depthwise", "standard", 500_000_000, 10, 1, 20),
            new ProbeTiming("conv", "k3", "standard", "standard", 1_000_000_000, 10, 1, 10),
        ]);

        Assert.Equal(40, rows[0].MsPerGmac!.Value, 9);
        Assert.Equal(4, rows[0].RatioToReference!.Value, 9);
        Assert.Equal(RatioBasis.PerGmac, rows[0].Basis);
        Assert.Equal(1, rows[1].RatioToReference!.Value, 9);
    }

    [Fact]
    public void Compute_NoMacs_ComparesTimeAndMissingReferenceGivesNone()
    {
        var rows = ProbeRatios.Compute([
            new ProbeTiming("activation", "a", "relu", "relu", 0, 0, 1, 2),
            new ProbeTiming("activation", "a", "gelu", "relu", 0, 0, 1, 5),
            new ProbeTiming("norm", "n", "layernorm", "batchnorm", 100, 1, 1, 5),
        ]);

        Assert.Null(rows[1].MsPerGmac);
        Assert.Equal(2.5, rows[1].RatioToReference!.Value, 9);
        Assert.Equal(RatioBasis.Time, rows[1].Basis);
        Assert.Equal(RatioBasis.None, rows[2].Basis);
        Assert.Null(rows[2].RatioToReference);
    }
}
