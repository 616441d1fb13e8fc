using LowFormerBench.Core.Results;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Measurement.Profiling;
using LowFormerBench.Measurement.Runners;
using LowFormerBench.Measurement.Tests.Runners;
using LowFormerBench.ModelZoo.Onnx;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Profiling;

/// <summary>End to end: a real ONNX Runtime profiling pass over a zoo model, reduced with the zoo's MACs. Structure only, never speed.</summary>
public sealed class OperatorProfilerTests(ZooModelFiles models) : IClassFixture<ZooModelFiles>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Measure_WithProfile_DepthwiseConvHasTimeShareAndMacShare()
    {
        var path = models.Write("lowformer-b0", new ModelBuildOptions(64));
        var request = new MeasurementRequest(path, Resolution: 64, ProviderOptions: new Dictionary<string, string> { [SessionSettings.IntraOpThreads] = "1" },
            MinIterations: 3, MaxIterations: 5, TimeBudget: TimeSpan.FromMilliseconds(200), WarmupBudget: TimeSpan.FromMilliseconds(100),
            Profile: true, ProfileRuns: 2);

        var outcome = new MeasurementLoop(new OnnxRuntimeRunnerFactory(), profiler: new OrtOperatorProfiler()).Measure(request, cancellationToken: Ct);

        var profile = Assert.IsType<OperatorProfile>(outcome.Profile);
        Assert.Equal(2, profile.ProfiledRuns);
        Assert.Equal("all", profile.OptimizationLevel);
        Assert.Equal(1.0, profile.Operators.Sum(o => o.TimeShare), 9);
        Assert.Equal(1.0, profile.Operators.Sum(o => o.MacShare), 9);
        var depthwise = Assert.Single(profile.Operators, o => o.OpType == "Conv (depthwise)");
        Assert.InRange(depthwise.TimeShare, double.Epsilon, 1);
        Assert.InRange(depthwise.MacShare, double.Epsilon, 1);
        Assert.Equal(profile.ModelMacs, profile.AttributedMacs);
    }

    [Fact]
    public void Measure_ProfileWithoutProfiler_FailsBeforeTiming()
    {
        var request = new MeasurementRequest(models.LowFormerB0, Profile: true);

        Assert.Throws<ProfilingUnavailableException>(() => new MeasurementLoop(new OnnxRuntimeRunnerFactory()).Measure(request, cancellationToken: Ct));
    }

    [Fact]
    public void Open_CorruptModelFile_ModelLoadExceptionNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lfb-corrupt-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, [0x08, 0x07, 0x12, 0xff, 0xff, 0x01, 0x02]);
        try
        {
            var setup = new RunnerSetup(path, 1, 224, MeasurementRequest.Fp32, ProviderCatalog.Configure("cpu", null, MeasurementRequest.Fp32));

            var e = Assert.Throws<ModelLoadException>(() => new OnnxRuntimeRunnerFactory().Open(setup, Ct));

            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("re-export", e.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(e.RuntimeError));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
