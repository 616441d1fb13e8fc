using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Statistics;
using LowFormerBench.Measurement.Environment;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Measurement.Tests.Fakes;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Loop;

/// <summary>The loop on a fake runner and a fake clock: exact, instant, and independent of this machine's noise.</summary>
public sealed class MeasurementLoopTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MeasurementRequest Request(int min = 10, int max = 1000, double budgetMs = 10_000) =>
        new("fake.onnx", MinIterations: min, MaxIterations: max, TimeBudget: TimeSpan.FromMilliseconds(budgetMs));

    [Fact]
    public void Measure_ConstantRunner_PhasesInOrderAndRuleMetAtMinIterations()
    {
        var clock = new FakeClock();
        var factory = new FakeRunnerFactory(clock, _ => 5.0);
        var progress = new RecordingProgress<MeasurementPhase>();

        var outcome = new MeasurementLoop(factory, time: clock).Measure(Request(), progress, Ct);

        Assert.Equal([MeasurementPhase.Preparing, MeasurementPhase.Warming, MeasurementPhase.Measuring, MeasurementPhase.Completed], progress.Reports);
        Assert.Equal(10, outcome.SamplesMs.Length);
        Assert.All(outcome.SamplesMs, s => Assert.Equal(5.0, s, 9));
        Assert.True(outcome.StopRuleMet);
        Assert.Equal(200, outcome.ThroughputIps, 6);
        Assert.Equal(TimeSpan.FromMilliseconds(50), outcome.TimedWindow);

        // 200 ms of warm-up floor (trtexec) at 5 ms per run, then the two windows agree.
        Assert.Equal(40, outcome.WarmupIterations);
        Assert.True(outcome.Warmup.ReachedSteadyState);
        Assert.True(factory.Runner!.Disposed);
        Assert.Equal("1x3x224x224", outcome.InputShape);
        Assert.Equal(CpuProvider.ProviderName, factory.Setup!.Provider.Name);
    }

    [Fact]
    public void Measure_DriftingRunner_WarmupAbsorbsTheDrift()
    {
        var clock = new FakeClock();
        var factory = new FakeRunnerFactory(clock, i => 5 + 45 * Math.Exp(-i / 4.0));

        var outcome = new MeasurementLoop(factory, time: clock).Measure(Request(), cancellationToken: Ct);

        Assert.True(outcome.Warmup.ReachedSteadyState);
        Assert.All(outcome.SamplesMs, s => Assert.InRange(s, 5.0, 5.0 * 1.02));
    }

    [Fact]
    public void Measure_NoisyRunnerShortBudget_StopsWithinBudgetRuleNotMet()
    {
        var clock = new FakeClock();
        var random = new Random(4);
        var factory = new FakeRunnerFactory(clock, _ => 5 * Math.Exp(random.NextDouble() - 0.5));

        var outcome = new MeasurementLoop(factory, time: clock).Measure(Request(min: 10, max: 10_000, budgetMs: 100), cancellationToken: Ct);

        Assert.Equal(StopReason.TimeBudget, outcome.Stop.Reason);
        Assert.False(outcome.StopRuleMet);
        Assert.True(outcome.TimedWindow <= TimeSpan.FromMilliseconds(100 + 5 * Math.Exp(0.5)));
        Assert.Equal(outcome.SamplesMs.Length, outcome.Summary.Count);
    }

    [Fact]
    public void Measure_UnknownProvider_FailsBeforeOpeningARunner()
    {
        var factory = new FakeRunnerFactory(new FakeClock(), _ => 1);

        Assert.Throws<UnknownExecutionProviderException>(() =>
            new MeasurementLoop(factory).Measure(Request() with { Provider = "NpuExecutionProvider" }, cancellationToken: Ct));
        Assert.Null(factory.Setup);
    }

    [Fact]
    public void Measure_BadOptionValue_FailsBeforeOpeningARunner()
    {
        var factory = new FakeRunnerFactory(new FakeClock(), _ => 1);
        var request = Request() with { ProviderOptions = new Dictionary<string, string> { [SessionSettings.IntraOpThreads] = "-3" } };

        var error = Assert.Throws<ProviderOptionsException>(() => new MeasurementLoop(factory).Measure(request, cancellationToken: Ct));

        Assert.Contains("intra_op_num_threads must be an integer from 0 to 1024, got '-3'", error.Message);
        Assert.Null(factory.Setup);
    }

    [Fact]
    public void Measure_InvalidRequest_EveryFieldReportedAtOnce()
    {
        var request = Request() with { Scenario = "fastest", Batch = 0, Precision = "int8", TargetCiHalfWidth = 2 };

        var error = Assert.Throws<MeasurementRequestException>(() => new MeasurementLoop(new FakeRunnerFactory(new FakeClock(), _ => 1)).Measure(request, cancellationToken: Ct));

        Assert.Equal(4, error.Errors.Count);
        Assert.Contains("Scenario", error.Message);
        Assert.Contains("Batch", error.Message);
        Assert.Contains("Precision", error.Message);
        Assert.Contains("TargetCiHalfWidth", error.Message);
    }

    [Fact]
    public void Measure_CancelledDuringWarmup_ThrowsAndDisposesRunner()
    {
        using var cancellation = new CancellationTokenSource();
        var clock = new FakeClock();
        var factory = new FakeRunnerFactory(clock, _ => 5, onRun: run =>
        {
            if (run == 3)
            {
                cancellation.Cancel();
            }
        });

        Assert.Throws<OperationCanceledException>(() => new MeasurementLoop(factory, time: clock).Measure(Request(), cancellationToken: cancellation.Token));
        Assert.True(factory.Runner!.Disposed);
        Assert.Equal(4, factory.Runner.Runs);
    }

    [Fact]
    public void Measure_WithEnvironmentProbe_SnapshotsJustOutsideTheWindow()
    {
        var clock = new FakeClock();
        var factory = new FakeRunnerFactory(clock, _ => 5);
        var probe = new RecordingEnvironmentProbe(() => factory.Runner!.Runs, throttledAfter: true);

        var outcome = new MeasurementLoop(factory, probe, clock).Measure(Request(), cancellationToken: Ct);

        Assert.Equal([("before", outcome.WarmupIterations), ("after", outcome.WarmupIterations + outcome.SamplesMs.Length)], probe.Calls);
        Assert.False(outcome.EnvironmentBefore!.Throttled);
        Assert.True(outcome.MeasuredWhileThrottled);
    }

    [Fact]
    public void Fingerprint_GpuDeviceAndCpuGovernor_KeysTheResult()
    {
        var clock = new FakeClock();
        var factory = new FakeRunnerFactory(clock, _ => 5);
        var probe = new RecordingEnvironmentProbe(() => factory.Runner!.Runs);
        var outcome = new MeasurementLoop(factory, probe, clock).Measure(Request(), cancellationToken: Ct);
        var device = new ProbedDevice("x64", "Debian", "AMD EPYC", 16, 1L << 36, "1.31.1", ["CPUExecutionProvider"],
            DeviceClass.Gpu, "NVIDIA GeForce RTX 4090", "550.54.14", "", "", "host");

        var fingerprint = outcome.Fingerprint(device);

        Assert.Equal("NVIDIA GeForce RTX 4090", fingerprint.DeviceModel);
        Assert.Equal("550.54.14", fingerprint.Driver);
        Assert.Equal("fake-1.0", fingerprint.RuntimeVersion);
        Assert.Equal("performance", fingerprint.PowerMode);
        Assert.Equal("fp32", fingerprint.Precision);
        Assert.Matches("^[0-9a-f]{16}$", fingerprint.Hash);
    }

    [Fact]
    public void Fingerprint_CudaIoBinding_PartOfTheKeySoHostAndDeviceTimingsAreNotCompared()
    {
        var device = new ProbedDevice("x64", "Debian", "AMD EPYC", 16, 1L << 36, "1.31.1", ["CUDAExecutionProvider", "CPUExecutionProvider"],
            DeviceClass.Gpu, "NVIDIA GeForce RTX 4090", "550.54.14", "", "", "host");
        EnvironmentFingerprint FingerprintWith(Dictionary<string, string>? options)
        {
            var clock = new FakeClock();
            var request = Request() with { Provider = "cuda", ProviderOptions = options };
            return new MeasurementLoop(new FakeRunnerFactory(clock, _ => 5), time: clock).Measure(request, cancellationToken: Ct).Fingerprint(device);
        }

        var byDefault = FingerprintWith(null);
        var device2 = FingerprintWith(new() { [CudaProvider.IoBinding] = "device" });
        var host = FingerprintWith(new() { [CudaProvider.IoBinding] = "host" });

        Assert.Contains("io_binding=device", byDefault.Canonical);
        Assert.Contains("io_binding=host", host.Canonical);
        Assert.Equal(byDefault.Hash, device2.Hash);
        Assert.NotEqual(byDefault.Hash, host.Hash);
    }

    [Fact]
    public async Task MeasureAsync_ConstantRunner_SameOutcomeShape()
    {
        var clock = new FakeClock();

        var outcome = await new MeasurementLoop(new FakeRunnerFactory(clock, _ => 2), time: clock)
            .MeasureAsync(Request(), cancellationToken: Ct);

        Assert.Equal(10, outcome.SamplesMs.Length);
        Assert.Equal(2, outcome.Summary.MedianMs, 9);
    }
}
