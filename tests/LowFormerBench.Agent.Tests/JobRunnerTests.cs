using Grpc.Core;
using LowFormerBench.Agent.Jobs;
using LowFormerBench.Agent.Tests.Fakes;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Cache = LowFormerBench.Agent.Models.ModelCache;

namespace LowFormerBench.Agent.Tests;

public sealed class JobRunnerTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeGatewayState _coordinator = new();
    private readonly FakeJobMeasurer _measurer = new();
    private readonly List<JobProgress> _progress = [];
    private readonly FakeModelSource _source;

    public JobRunnerTests()
    {
        _source = new FakeModelSource(_coordinator.Model, 512);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RunAsync_Succeeds_ReportsEachPhaseInOrderAndTheWholeResult()
    {
        var job = _coordinator.Assign();

        var result = (await RunAsync(job)).Result;

        Assert.Equal([JobPhases.Fetching, JobPhases.Preparing, JobPhases.Warming, JobPhases.Measuring, JobPhases.Reporting],
            _progress.Select(p => p.Phase));
        Assert.All(_progress, p => Assert.Equal((job.JobId, job.Attempt), (p.JobId, p.Attempt)));
        Assert.Equal((job.JobId, job.Attempt, "1x3x224x224", false), (result.JobId, result.Attempt, result.InputShape, result.ModelFromCache));
        Assert.Equal(FakeJobMeasurer.Samples, result.SamplesMs);
        Assert.Equal(2.55, result.Summary.P50Ms, precision: 9);
        Assert.Equal((4, 3, true, 40.0, 9.0), (result.Summary.Samples, result.Summary.WarmupIterations, result.Summary.StopRuleMet,
            result.Summary.SessionCreateMs, result.Summary.FirstInferenceMs));
        Assert.Equal([("before", false), ("after", true)], result.Environment.Select(e => (e.Phase, e.Throttled)));
        Assert.Equal("CPUExecutionProvider", result.Environment[0].Facts["ort.provider"]);
        Assert.Matches("^[0-9a-f]{16}$", result.EnvironmentFingerprint);
        var request = Assert.Single(_measurer.Requests);
        Assert.Equal(_directory.File(job.ModelSha256 + ".onnx"), request.ModelPath);
        Assert.Equal((1, 10, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100)),
            (request.MinIterations, request.MaxIterations, request.TimeBudget, request.WarmupBudget));
    }

    [Fact]
    public async Task RunAsync_PairedJob_FetchesTheReferenceAndReportsItsSamples()
    {
        var job = _coordinator.Assign();
        (job.ReferenceModelSha256, job.ReferenceModelSizeBytes) = (job.ModelSha256, job.ModelSizeBytes);

        var result = (await RunAsync(job)).Result;

        Assert.Equal(FakeJobMeasurer.Samples, result.SamplesMs);
        Assert.Equal(FakeJobMeasurer.ReferenceSamples, result.ReferenceSamplesMs);
        Assert.Equal(job.ModelSha256, result.ReferenceModelSha256);
        Assert.Equal(_directory.File(job.ModelSha256 + ".onnx"), Assert.Single(_measurer.ReferencePaths));
        Assert.Equal(_directory.File(job.ModelSha256 + ".onnx"), Assert.Single(_measurer.Requests).ModelPath);
    }

    [Fact]
    public async Task RunAsync_PairedJobWithMalformedReference_FailsPermanentlyBeforeDownloading()
    {
        var job = _coordinator.Assign();
        job.ReferenceModelSha256 = "not-a-sha";

        var failure = (await RunAsync(job)).Failure;

        Assert.True(failure.Permanent);
        Assert.Contains("not-a-sha", failure.Reason);
        Assert.Empty(_source.RequestedOffsets);
    }

    [Fact]
    public async Task RunAsync_ModelAlreadyCached_SaysSoOnceFetched()
    {
        var job = _coordinator.Assign();
        await File.WriteAllBytesAsync(_directory.File(job.ModelSha256 + ".onnx"), _coordinator.Model, TestContext.Current.CancellationToken);

        var report = await RunAsync(job);

        Assert.True(report.Result.ModelFromCache);
        Assert.Equal([false, true, true, true, true], _progress.Select(p => p.ModelFromCache));
    }

    [Fact]
    public async Task RunAsync_UnsetBudgets_UseTheLibraryDefaults()
    {
        var job = _coordinator.Assign();
        (job.MinIterations, job.MaxIterations, job.TimeBudgetMs, job.WarmupBudgetMs) = (0, 0, 0, 0);

        Assert.Equal(AgentMessage.KindOneofCase.Result, (await RunAsync(job)).KindCase);

        var request = Assert.Single(_measurer.Requests);
        Assert.Equal((10, 1000, null, null), (request.MinIterations, request.MaxIterations, request.TimeBudget, request.WarmupBudget));
    }

    [Fact]
    public async Task RunAsync_ModelOnnxRuntimeCannotOpen_FailsPermanentlyWithTheReason()
    {
        _measurer.PrepareError = new InvalidOperationException("[ONNXRuntimeError] : 10 : INVALID_GRAPH : unknown op 'LowFormerAttention'");

        var failure = (await RunAsync(_coordinator.Assign())).Failure;

        Assert.Equal((true, false), (failure.Permanent, failure.HandedBack));
        Assert.StartsWith("ONNX Runtime could not open model test-model", failure.Reason);
        Assert.EndsWith("unknown op 'LowFormerAttention'", failure.Reason);
    }

    [Fact]
    public async Task RunAsync_ProviderTheDeviceLacks_FailsPermanentlyBeforeDownloading()
    {
        var job = _coordinator.Assign();
        job.Provider = "cuda";

        var failure = (await RunAsync(job)).Failure;

        Assert.True(failure.Permanent);
        Assert.Contains("CUDAExecutionProvider is not in this ONNX Runtime native library, which has: CPUExecutionProvider", failure.Reason);
        Assert.Empty(_source.RequestedOffsets);
        Assert.Empty(_measurer.Requests);
    }

    [Fact]
    public async Task RunAsync_MalformedAssignment_FailsPermanentlyNamingEveryProblemBeforeDownloading()
    {
        var job = _coordinator.Assign();
        job.Scenario = "speed";
        job.Batch = 0;

        var failure = (await RunAsync(job)).Failure;

        Assert.True(failure.Permanent);
        Assert.Contains("Scenario must be 'latency' or 'throughput', got 'speed'", failure.Reason);
        Assert.Contains("Batch must be at least 1, got 0", failure.Reason);
        Assert.Empty(_source.RequestedOffsets);
    }

    [Fact]
    public async Task RunAsync_UnknownProviderOption_FailsPermanentlyNamingIt()
    {
        var job = _coordinator.Assign();
        job.ProviderOptions["no_such_option"] = "1";

        var failure = (await RunAsync(job)).Failure;

        Assert.True(failure.Permanent);
        Assert.Contains("unknown option 'no_such_option'", failure.Reason);
    }

    [Fact]
    public async Task RunAsync_NotASha256_FailsPermanently()
    {
        var job = _coordinator.Assign();
        job.ModelSha256 = "../../etc/passwd";

        var failure = (await RunAsync(job)).Failure;

        Assert.True(failure.Permanent);
        Assert.Contains("is not a SHA-256", failure.Reason);
    }

    [Fact]
    public async Task RunAsync_DeviceErrorWhileMeasuring_FailsTransiently()
    {
        _measurer.MeasureError = new InvalidOperationException("CUDA error: device lost");

        var failure = (await RunAsync(_coordinator.Assign())).Failure;

        Assert.False(failure.Permanent);
        Assert.Equal("agent error while measuring (InvalidOperationException): CUDA error: device lost", failure.Reason);
    }

    [Fact]
    public async Task RunAsync_DeviceOutOfMemoryAtItsBatch_FailsPermanentlyNamingTheBatch()
    {
        // The message ONNX Runtime's CUDA arena gives when a batch does not fit (the exception type is ORT's own, unconstructible here).
        _measurer.MeasureError = new InvalidOperationException(
            "[ErrorCode:RuntimeException] BFCArena::AllocateRawInternal Failed to allocate memory for requested buffer of size 1073741824");
        var job = _coordinator.Assign();

        var failure = (await RunAsync(job)).Failure;

        Assert.True(failure.Permanent);
        Assert.StartsWith($"out of memory at batch {job.Batch} while measuring: ", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("measure a smaller one", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CoordinatorLacksTheModel_FailsPermanently()
    {
        var source = new FailingModelSource(new RpcException(new Status(StatusCode.NotFound, "no such model")));

        var failure = (await RunAsync(_coordinator.Assign(), source)).Failure;

        Assert.True(failure.Permanent);
        Assert.Contains("the coordinator has no model with SHA-256", failure.Reason);
    }

    [Fact]
    public async Task RunAsync_CoordinatorUnavailableWhileDownloading_FailsTransiently()
    {
        var source = new FailingModelSource(new RpcException(new Status(StatusCode.Unavailable, "connection refused")));

        var failure = (await RunAsync(_coordinator.Assign(), source)).Failure;

        Assert.False(failure.Permanent);
        Assert.Contains("Unavailable: connection refused", failure.Reason);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsInsteadOfReporting()
    {
        _measurer.HoldMeasurement = new TaskCompletionSource();
        using var cancellation = new CancellationTokenSource();
        var run = Runner().RunAsync(_coordinator.Assign(), m => _progress.Add(m.Progress), cancellation.Token);
        await _measurer.MeasurementStarted.Task.WaitAsync(TestContext.Current.CancellationToken);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.DoesNotContain(JobPhases.Reporting, _progress.Select(p => p.Phase));
    }

    private Task<AgentMessage> RunAsync(JobAssignment job, Models.IModelSource? source = null) =>
        Runner(source).RunAsync(job, m => _progress.Add(m.Progress), TestContext.Current.CancellationToken);

    private JobRunner Runner(Models.IModelSource? source = null)
    {
        var options = Options.Create(new AgentOptions { CacheDirectory = _directory.Path });
        var cache = new Cache(source ?? _source, options, NullLogger<Cache>.Instance);
        return new JobRunner(cache, _measurer, options, NullLogger<JobRunner>.Instance);
    }
}
