using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Suites;
using Xunit;

namespace LowFormerBench.Core.Tests.Suites;

public sealed class BatchSweepFieldTests
{
    [Theory]
    [InlineData("64", new[] { 1, 2, 4, 8, 16, 32, 64 })]
    [InlineData("12", new[] { 1, 2, 4, 8, 12 })]
    [InlineData("[1, 8, 32, 64]", new[] { 1, 8, 32, 64 })]
    [InlineData("[64, 8, 8]", new[] { 8, 64 })]
    [InlineData("[64]", new[] { 64 })]
    [InlineData("'1,8,64'", new[] { 1, 8, 64 })]
    public void Parse_MaximumOrList_ThroughputBatchesAreTheSweep(string sweep, int[] expected)
    {
        var suite = SuiteParser.Parse($"{{name: x, models: [m], scenarios: [latency, throughput], batch_sweep: {sweep}}}");

        Assert.Equal(expected, suite.BatchSweep);
        Assert.Equal(expected, suite.BatchSizesFor(Scenario.Throughput));
        Assert.Equal([1], suite.BatchSizesFor(Scenario.Latency));
    }

    [Fact]
    public void Parse_SweepWithLatencyBatchSizes_Allowed()
    {
        var suite = SuiteParser.Parse("{name: x, models: [m], scenarios: [latency, throughput], batch_sizes: {latency: [1, 4]}, batch_sweep: 8}");

        Assert.Equal([1, 4], suite.BatchSizesFor(Scenario.Latency));
        Assert.Equal([1, 2, 4, 8], suite.BatchSizesFor(Scenario.Throughput));
    }

    [Fact]
    public void Parse_SameRuleAsTheCli_MaximumIsPowersOfTwo()
    {
        var suite = SuiteParser.Parse("{name: x, models: [m], scenarios: [throughput], batch_sweep: 100}");

        Assert.True(BatchSweepSizes.TryParse("100", out var cli, out _));
        Assert.Equal(cli, suite.BatchSweep);
    }

    [Theory]
    [InlineData("0", "batch_sweep: batch sweep '0': '0' is not a batch size from 1 to 4096")]
    [InlineData("5000", "is not a batch size from 1 to 4096")]
    [InlineData("lots", "'lots' is not a batch size")]
    [InlineData("[1, x]", "batch_sweep[1]: must be an integer from 1 to 4096")]
    [InlineData("[]", "batch_sweep: must list at least one batch size")]
    [InlineData("{max: 8}", "batch_sweep: must be a maximum batch such as 64")]
    public void Parse_BadSweep_ErrorWithLineAndField(string sweep, string expected)
    {
        var error = Assert.Throws<SuiteValidationException>(() => SuiteParser.Parse($"""
            name: x
            models: [m]
            scenarios: [throughput]
            batch_sweep: {sweep}
            """, "sweep.yaml"));

        var message = Assert.Single(error.Errors);
        Assert.StartsWith("sweep.yaml:4:", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SweepWithoutThroughputScenario_ErrorSaysAddThroughput()
    {
        var error = Assert.Throws<SuiteValidationException>(() => SuiteParser.Parse("""
            name: x
            models: [m]
            scenarios: [latency]
            batch_sweep: 64
            """, "s.yaml"));

        var message = Assert.Single(error.Errors);
        Assert.StartsWith("s.yaml:4:14: batch_sweep:", message, StringComparison.Ordinal);
        Assert.Contains("add throughput to scenarios", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("batch_sizes: {latency: [1], throughput: [32]}")]
    [InlineData("batch_sizes: [1, 32]")]
    public void Parse_SweepAndThroughputBatchSizes_ErrorSaysKeepOne(string batchSizes)
    {
        var error = Assert.Throws<SuiteValidationException>(() => SuiteParser.Parse($"""
            name: x
            models: [m]
            scenarios: [latency, throughput]
            {batchSizes}
            batch_sweep: [1, 8]
            """, "s.yaml"));

        var message = Assert.Single(error.Errors);
        Assert.StartsWith("s.yaml:5:", message, StringComparison.Ordinal);
        Assert.Contains("batch_sizes gives them too; keep one", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_Sweep_OneThroughputJobPerBatchPerConfiguration()
    {
        var suite = SuiteParser.Parse("""
            name: x
            models: [a, b]
            scenarios: [latency, throughput]
            batch_sweep: [1, 8, 32]
            resolutions: [160, 224]
            precisions: [fp32, fp16]
            providers: [cpu, cuda]
            devices: [{device_class: gpu}, {device_class: cpu}]
            """);

        var jobs = SuiteExpander.Expand(suite, (m, r, p) => $"{m.DisplayName}@{r}/{p.ToWire()}");

        var configurations = 2 * 2 * 2 * 2 * 2;
        Assert.Equal(configurations * (1 + 3), jobs.Count);
        Assert.Equal(configurations, jobs.Count(j => j.Scenario == Scenario.Latency && j.Batch == 1));
        var throughput = jobs.Where(j => j.Scenario == Scenario.Throughput).ToList();
        Assert.All(throughput.GroupBy(j => (j.ModelSha256, j.Provider, j.Selector.DeviceClass)), g => Assert.Equal([1, 8, 32], g.Select(j => j.Batch).Order()));
        Assert.Equal(jobs.Count, jobs.Distinct().Count());
    }
}
