using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Suites;
using Xunit;

namespace LowFormerBench.Core.Tests.Suites;

public sealed class SuiteParserTests
{
    [Fact]
    public void Parse_MinimalSuite_DefaultsEverythingElse()
    {
        var suite = SuiteParser.Parse("{name: x, models: [lowformer-b0], scenarios: [latency]}");

        Assert.Equal("x", suite.Name);
        Assert.Equal("lowformer-b0", Assert.Single(suite.Models).BuiltIn);
        Assert.Equal([224], suite.Resolutions);
        Assert.Equal([Precision.Fp32], suite.Precisions);
        Assert.Equal(["CPUExecutionProvider"], suite.Providers);
        Assert.Equal([1], suite.BatchSizesFor(Scenario.Latency));
        Assert.Equal([Suite.DefaultThroughputBatch], suite.BatchSizesFor(Scenario.Throughput));
        Assert.Same(MeasurementBudget.Default, suite.Budget);
    }

    [Fact]
    public void Parse_FileModelAndPerScenarioBatches_ReadsThem()
    {
        var suite = SuiteParser.Parse("""
            name: mine
            models:
              - {name: my-net, file: ./my.onnx}
            scenarios: [latency, throughput]
            batch_sizes: {latency: [1], throughput: [32, 64]}
            providers: [cpu, cuda]
            devices: [{device_class: gpu, arch: x64, labels: {rack: a}}]
            budget: {max_iterations: 50, time_budget_s: 1.5}
            """);

        var model = Assert.Single(suite.Models);
        Assert.Equal(("my-net", null, "./my.onnx"), (model.DisplayName, model.BuiltIn, model.File));
        Assert.Equal([32, 64], suite.BatchSizesFor(Scenario.Throughput));
        Assert.Equal(["CPUExecutionProvider", "CUDAExecutionProvider"], suite.Providers);
        Assert.Equal("gpu", suite.Devices[0].DeviceClass);
        Assert.Equal("a", suite.Devices[0].Labels!["rack"]);
        Assert.Equal((50, 1500), (suite.Budget.MaxIterations, suite.Budget.TimeBudgetMs));
    }

    [Fact]
    public void Parse_Profile_EveryExpandedJobAsksForOne()
    {
        var suite = SuiteParser.Parse("{name: x, models: [lowformer-b0], scenarios: [latency, throughput], profile: true}");

        var jobs = SuiteExpander.Expand(suite, (_, _, _) => "sha");

        Assert.True(suite.Profile);
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.True(j.Profile));
        Assert.False(SuiteParser.Parse("{name: x, models: [m], scenarios: [latency]}").Profile);
    }

    [Fact]
    public void Parse_ProfileNotABoolean_SaysWhatItMustBe()
    {
        var error = Assert.Throws<SuiteValidationException>(() => SuiteParser.Parse("{name: x, models: [m], scenarios: [latency], profile: often}", "p.yaml"));

        Assert.Contains(error.Errors, e => e.Contains("profile", StringComparison.Ordinal) && e.Contains("true or false", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ManyProblems_ReportsEachWithLineAndField()
    {
        var error = Assert.Throws<SuiteValidationException>(() => SuiteParser.Parse("""
            name: bad
            models: [lowformer-b0, {name: x}]
            scenarios: [latency, speed]
            providers: [tpu]
            budget: {max_iterations: -3}
            colour: blue
            """, "bad.yaml"));

        Assert.Contains(error.Errors, e => e.StartsWith("bad.yaml:2:") && e.Contains("models[1]") && e.Contains("'file'"));
        Assert.Contains(error.Errors, e => e.StartsWith("bad.yaml:3:") && e.Contains("scenarios[1]"));
        Assert.Contains(error.Errors, e => e.StartsWith("bad.yaml:4:") && e.Contains("providers[0]"));
        Assert.Contains(error.Errors, e => e.StartsWith("bad.yaml:5:") && e.Contains("budget.max_iterations"));
        Assert.Contains(error.Errors, e => e.StartsWith("bad.yaml:6:") && e.Contains("unknown field"));
        Assert.Equal(5, error.Errors.Count);
    }

    [Fact]
    public void Parse_MissingRequiredFields_NamesThem()
    {
        var error = Assert.Throws<SuiteValidationException>(() => SuiteParser.Parse("description: nothing"));

        Assert.Contains(error.Errors, e => e.Contains("name: required"));
        Assert.Contains(error.Errors, e => e.Contains("models: required"));
        Assert.Contains(error.Errors, e => e.Contains("scenarios: required"));
    }

    [Fact]
    public void Parse_NotYaml_SaysWhere()
    {
        var error = Assert.Throws<SuiteValidationException>(() => SuiteParser.Parse("name: [unclosed", "s.yaml"));

        Assert.StartsWith("s.yaml:", Assert.Single(error.Errors));
        Assert.Contains("not valid YAML", error.Errors[0]);
    }

    [Fact]
    public void Parse_DuplicateModelNames_Refused()
    {
        var error = Assert.Throws<SuiteValidationException>(() => SuiteParser.Parse("{name: x, models: [resnet18, resnet18], scenarios: [latency]}"));

        Assert.Contains("appears more than once", Assert.Single(error.Errors));
    }

    [Fact]
    public void Expand_CrossProduct_OneJobPerCombination()
    {
        var suite = SuiteParser.Parse("""
            name: x
            models: [a, b]
            scenarios: [latency, throughput]
            batch_sizes: {latency: [1], throughput: [8, 16]}
            resolutions: [160, 224]
            """);

        var jobs = SuiteExpander.Expand(suite, (m, r, p) => $"{m.DisplayName}@{r}/{p.ToWire()}");

        Assert.Equal(2 * 2 * (1 + 2), jobs.Count);
        Assert.Contains(jobs, j => j.ModelSha256 == "b@160/fp32" && j.Scenario == Scenario.Throughput && j.Batch == 16);
        Assert.Equal(jobs.Count, jobs.Distinct().Count());
    }
}
