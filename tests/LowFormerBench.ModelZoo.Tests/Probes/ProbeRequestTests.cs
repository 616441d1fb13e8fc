using LowFormerBench.ModelZoo.Probes;

namespace LowFormerBench.ModelZoo.Tests.Probes;

public sealed class ProbeRequestTests
{
    private static ProbeRequestException Refused(string family, params (string Key, string Value)[] values) =>
        Assert.Throws<ProbeRequestException>(() => ProbeCatalog.Expand(
            ProbeParameters.Parse(family, values.ToDictionary(v => v.Key, v => (IReadOnlyList<string>)[v.Value]), "--family")));

    [Fact]
    public void Parse_UnknownFamily_NamesTheFamilies()
    {
        var error = Refused("convolution");

        Assert.Contains("unknown probe family 'convolution'", error.Message);
        Assert.Contains("conv, inverted-residual, token-mixer, mlp, activation, norm, macro", error.Message);
    }

    [Fact]
    public void Expand_KernelZero_NamesTheParameterAndTheAllowedValues()
    {
        var error = Refused("conv", ("kernel", "0"));

        Assert.Equal("probe conv: kernel 0 is not allowed; allowed: 1, 3, 5, 7", Assert.Single(error.Errors));
    }

    [Fact]
    public void Expand_ChannelsNotDivisibleByGroups_SaysSo()
    {
        var error = Refused("conv", ("channels", "100"), ("groups", "8"));

        Assert.Contains("probe conv: channels 100 are not divisible by groups 8", Assert.Single(error.Errors));
    }

    [Fact]
    public void Expand_ResolutionTheStrideCannotDivide_SaysSo()
    {
        var error = Refused("conv", ("resolution", "7"), ("stride", "2"));

        Assert.Contains("resolution 7 cannot be divided by stride 2", Assert.Single(error.Errors));
    }

    [Fact]
    public void Expand_EqualMacsBeyondTheInputLimit_FailsBeforeBuilding()
    {
        // A depthwise conv with 1024·1024 channels at 56² would need 3.3 G elements per input.
        var error = Refused("conv", ("channels", "1024"), ("resolution", "56"), ("groups", "2"));

        Assert.Contains(error.Errors, e => e.StartsWith("probe conv/k3-s1@1024x56/depthwise: equal MACs", StringComparison.Ordinal) && e.Contains("cannot be met"));
    }

    [Fact]
    public void Parse_ParameterTheFamilyDoesNotTake_ListsWhatItTakes()
    {
        var error = Refused("activation", ("kernel", "3"));

        Assert.Contains("family 'activation' takes no parameter 'kernel'; it takes activation, channels, resolution", error.Message);
    }

    [Fact]
    public void Expand_UnknownActivation_ListsTheKnownOnes()
    {
        var error = Refused("activation", ("activation", "mish"));

        Assert.Contains("activation 'mish' is not known; allowed: relu, relu6, hardswish, gelu, silu", error.Message);
    }

    [Fact]
    public void Set_Unknown_NamesTheSets()
    {
        var error = Assert.Throws<ProbeRequestException>(() => ProbeCatalog.Set("paper"));

        Assert.Contains("sets: paper-blocks", error.Message);
    }
}
