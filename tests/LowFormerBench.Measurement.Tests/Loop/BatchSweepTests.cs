using LowFormerBench.Measurement.Loop;
using LowFormerBench.Measurement.Runners;
using LowFormerBench.Measurement.Tests.Runners;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Loop;

public sealed class BatchSweepTests(ZooModelFiles models) : IClassFixture<ZooModelFiles>
{
    [Theory]
    [InlineData("1,2,4", new[] { 1, 2, 4 })]
    [InlineData("8, 1, 8", new[] { 1, 8 })]
    [InlineData("32", new[] { 1, 2, 4, 8, 16, 32 })]
    [InlineData("12", new[] { 1, 2, 4, 8, 12 })]
    [InlineData("1", new[] { 1 })]
    public void Parse_ListOrMaximum_BatchesInOrder(string text, int[] expected)
    {
        Assert.Equal(expected, BatchSweep.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("1,two")]
    [InlineData("5000")]
    public void Parse_NotBatchSizes_SaysWhatToGive(string text)
    {
        var e = Assert.Throws<MeasurementRequestException>(() => BatchSweep.Parse(text));

        Assert.Contains("1,2,4,8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RealModel_EachBatchAFullThroughputMeasurementAndBestIsTheMaximum()
    {
        var request = new MeasurementRequest(models.Write("lowformer-b0", new LowFormerBench.ModelZoo.Onnx.ModelBuildOptions(64)), Resolution: 64,
            ProviderOptions: new Dictionary<string, string> { ["intra_op_num_threads"] = "1" },
            MinIterations: 3, MaxIterations: 5, TimeBudget: TimeSpan.FromMilliseconds(200), WarmupBudget: TimeSpan.FromMilliseconds(100));

        var sweep = BatchSweep.Run(new MeasurementLoop(new OnnxRuntimeRunnerFactory()), request, [1, 2], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([1, 2], sweep.Points.Select(p => p.Request.Batch));
        Assert.All(sweep.Points, p => Assert.Equal(MeasurementRequest.Throughput, p.Request.Scenario));
        Assert.Equal(["1x3x64x64", "2x3x64x64"], sweep.Points.Select(p => p.InputShape));
        Assert.All(sweep.Points, p => Assert.NotEmpty(p.SamplesMs));
        Assert.Equal(sweep.Points.Max(p => p.ThroughputIps), sweep.Best.ThroughputIps);
    }
}
