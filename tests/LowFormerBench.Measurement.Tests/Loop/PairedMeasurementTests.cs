using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Measurement.Runners;
using LowFormerBench.Measurement.Tests.Fakes;
using LowFormerBench.Measurement.Tests.Runners;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Loop;

public sealed class PairedMeasurementTests(ZooModelFiles models) : IClassFixture<ZooModelFiles>
{
    private static readonly Dictionary<string, string> TwoThreads = new() { [LowFormerBench.Measurement.ExecutionProviders.SessionSettings.IntraOpThreads] = "2" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Measure_LoadThatStartsMidWindow_HitsBothSidesAlike()
    {
        // Both models take 2 ms, until the machine gets three times slower 1.5 s into the run (after warm-up): measured
        // one after the other, the second would look 3 times slower; interleaved, both see the same share of the load.
        var clock = new FakeClock();
        var factory = new TwoModelFactory(clock, path => 2.0, slowAfter: TimeSpan.FromSeconds(1.5), factor: 3);
        var paired = new PairedMeasurement(factory, time: clock) { Block = TimeSpan.FromMilliseconds(20) };
        var request = new MeasurementRequest("a.onnx", MinIterations: 10, MaxIterations: 100_000, TimeBudget: TimeSpan.FromSeconds(2),
            WarmupBudget: TimeSpan.FromMilliseconds(200), TargetCiHalfWidth: 0.0001);

        var outcome = paired.Measure(request, "b.onnx", cancellationToken: Ct);

        Assert.Equal("a.onnx", outcome.Candidate.Request.ModelPath);
        Assert.Equal("b.onnx", outcome.Reference.Request.ModelPath);
        Assert.True(outcome.Blocks >= 40, $"{outcome.Blocks} blocks");
        var slowA = outcome.Candidate.SamplesMs.Count(s => s > 4);
        var slowB = outcome.Reference.SamplesMs.Count(s => s > 4);
        Assert.True(slowA > 0 && slowB > 0, $"{slowA} and {slowB} slow samples");
        Assert.InRange((double)slowA / outcome.Candidate.SamplesMs.Length, (double)slowB / outcome.Reference.SamplesMs.Length - 0.05,
            (double)slowB / outcome.Reference.SamplesMs.Length + 0.05);
        Assert.InRange(outcome.Candidate.SamplesMs.Length, outcome.Reference.SamplesMs.Length * 0.9, outcome.Reference.SamplesMs.Length * 1.1);
        // Each side owns half of the window, and the window is about both budgets together.
        Assert.InRange(outcome.Candidate.TimedWindow.TotalSeconds, 3.9, 4.2);
        Assert.Equal(outcome.Candidate.TimedWindow, outcome.Reference.TimedWindow);
    }

    [Fact]
    public void Measure_BlocksAlternateABBA()
    {
        var clock = new FakeClock();
        var factory = new TwoModelFactory(clock, path => 1.0, slowAfter: TimeSpan.MaxValue, factor: 1);
        var paired = new PairedMeasurement(factory, time: clock) { Block = TimeSpan.FromMilliseconds(2) };
        var request = new MeasurementRequest("a.onnx", MinIterations: 4, MaxIterations: 8, TimeBudget: TimeSpan.FromSeconds(10),
            WarmupBudget: TimeSpan.FromMilliseconds(5), TargetCiHalfWidth: 0.0001);

        var outcome = paired.Measure(request, "b.onnx", cancellationToken: Ct);

        var timed = string.Concat(factory.Order.Skip(outcome.Candidate.WarmupIterations + outcome.Reference.WarmupIterations));
        // A 2 ms block holds one ~1.1 ms inference: one untimed and one timed run per block, the order flipping every pair.
        Assert.Equal(string.Concat(Enumerable.Repeat("aabbbbaa", 4)), timed);
    }

    [Fact]
    public void Measure_ProfileAsked_RefusedBeforeOpening()
    {
        var clock = new FakeClock();
        var factory = new TwoModelFactory(clock, path => 1.0, slowAfter: TimeSpan.MaxValue, factor: 1);

        var error = Assert.Throws<MeasurementRequestException>(() =>
            new PairedMeasurement(factory, time: clock).Measure(new MeasurementRequest("a.onnx", Profile: true), "b.onnx", cancellationToken: Ct));

        Assert.Contains("paired run", error.Message);
        Assert.Empty(factory.Order);
    }

    [Fact]
    public void Measure_RealOnnxRuntime_BothSidesTimedWithTheSameOptions()
    {
        var paired = new PairedMeasurement(new OnnxRuntimeRunnerFactory(), new EnvironmentProbe());
        var candidate = models.Write("lowformer-b0", new ModelZoo.Onnx.ModelBuildOptions(Resolution: 64));
        var request = new MeasurementRequest(candidate, Resolution: 64, ProviderOptions: TwoThreads, MinIterations: 5, MaxIterations: 40,
            TimeBudget: TimeSpan.FromMilliseconds(300), WarmupBudget: TimeSpan.FromMilliseconds(150));
        var reference = models.Write("lowformer-b0", new ModelZoo.Onnx.ModelBuildOptions(Resolution: 64, Batch: 1));

        var outcome = paired.Measure(request, reference, cancellationToken: Ct);

        Assert.NotEmpty(outcome.Candidate.SamplesMs);
        Assert.NotEmpty(outcome.Reference.SamplesMs);
        Assert.All(outcome.Candidate.SamplesMs.Concat(outcome.Reference.SamplesMs), s => Assert.True(s > 0 && double.IsFinite(s), $"sample {s}"));
        Assert.Equal("1x3x64x64", outcome.Candidate.InputShape);
        Assert.Equal(outcome.Candidate.InputShape, outcome.Reference.InputShape);
        Assert.Equal(outcome.Candidate.Provider, outcome.Reference.Provider);
        Assert.True(outcome.Blocks >= 2);
        Assert.NotNull(outcome.Candidate.EnvironmentBefore);
        Assert.Equal(reference, outcome.Reference.Request.ModelPath);
    }

    /// <summary>Runners whose inference time depends on the model path and on a fake clock's time (load that starts later).</summary>
    private sealed class TwoModelFactory(FakeClock clock, Func<string, double> baseMs, TimeSpan slowAfter, double factor) : IInferenceRunnerFactory
    {
        private readonly long _start = clock.GetTimestamp();

        public List<char> Order { get; } = [];

        public IInferenceRunner Open(RunnerSetup setup, CancellationToken cancellationToken)
        {
            var name = Path.GetFileNameWithoutExtension(setup.ModelPath)[0];
            return new FakeRunner(clock, i =>
            {
                Order.Add(name);
                var loaded = clock.GetElapsedTime(_start) > slowAfter ? factor : 1;
                // A little jitter, as real timings have: identical samples would meet any precision target at once.
                return (baseMs(setup.ModelPath) + i * 0.618034 % 1 * 0.2) * loaded;
            }, setup.Provider);
        }
    }
}
