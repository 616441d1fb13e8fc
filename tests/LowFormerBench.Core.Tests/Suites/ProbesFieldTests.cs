using Xunit;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Suites;

namespace LowFormerBench.Core.Tests.Suites;

public sealed class ProbesFieldTests
{
    private const string Head = "name: blocks\nscenarios: [latency]\n";

    [Fact]
    public void Parse_SetName_NeedsNoModels()
    {
        var suite = SuiteParser.Parse(Head + "probes: paper-blocks\n");

        Assert.Empty(suite.Models);
        Assert.Equal("paper-blocks", Assert.Single(suite.Probes).Set);
    }

    [Fact]
    public void Parse_FamilyWithParameterLists_KeepsEachList()
    {
        var suite = SuiteParser.Parse(Head + "probes:\n  - paper-blocks\n  - {family: conv, kernel: [3, 5], channels: 64}\n");

        var family = suite.Probes[1];
        Assert.Equal("conv", family.Family);
        Assert.Equal(["3", "5"], family.Parameters["kernel"]);
        Assert.Equal(["64"], family.Parameters["channels"]);
        Assert.Equal("probes[1]", family.Location.Field);
        Assert.Equal(5, family.Location.Line);
    }

    [Fact]
    public void Parse_EntryWithoutFamily_SaysWhatItNeeds()
    {
        var error = Assert.Throws<SuiteValidationException>(() => SuiteParser.Parse(Head + "probes:\n  - {kernel: [3]}\n"));

        Assert.Contains("suite:4:5: probes[0]: a family entry needs 'family'", error.Message);
    }

    [Fact]
    public void Parse_EmptyListAndNestedValue_AreBothReported()
    {
        var empty = Assert.Throws<SuiteValidationException>(() => SuiteParser.Parse(Head + "probes: []\n"));
        var nested = Assert.Throws<SuiteValidationException>(() => SuiteParser.Parse(Head + "probes:\n  - {family: conv, kernel: {a: 1}}\n"));

        Assert.Contains("probes: must list at least one probe set or family", empty.Message);
        Assert.Contains("probes[0].kernel: must be a value or a non-empty list of values", nested.Message);
    }

    [Fact]
    public void Parse_NeitherModelsNorProbes_StillRequiresModels()
    {
        var error = Assert.Throws<SuiteValidationException>(() => SuiteParser.Parse(Head));

        Assert.Contains("models: required field is missing", error.Message);
    }

    [Fact]
    public void Expand_Probes_ExpandLikeModelsAtTheirOwnResolution()
    {
        var suite = SuiteParser.Parse(Head + "models: [resnet18]\nbatch_sizes: [1, 4]\nresolutions: [224]\nprobes: paper-blocks\n");
        ResolvedProbe[] probes = [new("conv/a/standard", "sha-a", 28), new("conv/a/depthwise", "sha-b", 28)];

        var jobs = SuiteExpander.Expand(suite, (_, _, _) => "sha-model", (_, _) => probes);

        Assert.Equal(6, jobs.Count);
        Assert.Equal(4, jobs.Count(j => j.Resolution == 28 && j.Scenario == Scenario.Latency));
        Assert.Equal([1, 4], jobs.Where(j => j.ModelDisplayName == "conv/a/depthwise").Select(j => j.Batch).Order());
    }
}
