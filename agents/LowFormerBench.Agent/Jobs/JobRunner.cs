using LowFormerBench.Agent.Models;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Agent.Jobs;

/// <summary>
/// One job as named steps: Check, Fetch, then the measurement library's Prepare → Warm → Measure, then Report. Each
/// phase is announced with a <see cref="JobProgress"/> (which also renews the job's lease). Every error becomes a
/// <see cref="JobFailure"/>; only cancellation escapes, because what happens then (nothing, or a hand-back) is the
/// caller's decision.
/// </summary>
public sealed class JobRunner(ModelCache cache, IJobMeasurer measurer, IOptions<AgentOptions> options, ILogger<JobRunner> logger)
{
    /// <param name="send">Where progress goes; best effort.</param>
    /// <returns>The job's report: a result or a failure.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<AgentMessage> RunAsync(JobAssignment job, Action<AgentMessage> send, CancellationToken cancellationToken)
    {
        AgentLog.JobStarted(logger, job.JobId, job.Attempt, job.ModelDisplayName, job.ModelSha256, job.Scenario, job.Batch, job.Provider);
        var progress = new Progress(job, send, logger);
        try
        {
            var request = Check(job);
            var model = await FetchAsync(job, progress, cancellationToken);
            MeasurementOutcome outcome;
            (string Sha256, IReadOnlyList<double> SamplesMs)? reference = null;
            if (job.ReferenceModelSha256.Length > 0)
            {
                // A paired job: the baseline's model too, from the same cache, then both in one interleaved window.
                var referenceModel = await cache.GetAsync(job.ReferenceModelSha256, job.ReferenceModelSizeBytes, cancellationToken);
                var paired = await measurer.MeasurePairedAsync(request with { ModelPath = model.Path }, referenceModel.Path, progress, cancellationToken);
                outcome = paired.Candidate;
                reference = (referenceModel.Sha256, paired.Reference.SamplesMs);
            }
            else
            {
                outcome = await measurer.MeasureAsync(request with { ModelPath = model.Path }, progress, cancellationToken);
            }

            progress.Enter(JobPhases.Reporting);
            AgentLog.JobMeasured(logger, job.JobId, outcome.Summary.MedianMs, outcome.Summary.Count);
            var result = outcome.ToResult(job, model.FromCache, measurer.Capabilities);
            if (reference is { } r)
            {
                result.ReferenceModelSha256 = r.Sha256;
                result.ReferenceSamplesMs.AddRange(r.SamplesMs);
            }

            return new AgentMessage { Result = result };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            var failure = e.ToFailure(job, progress.Phase, options.Value.ResolvedCacheDirectory);
            AgentLog.JobFailed(logger, job.JobId, job.Attempt, failure.Permanent ? "permanent" : "transient", failure.Reason);
            return new AgentMessage { Failure = failure };
        }
    }

    // A job this device cannot measure (malformed request, unknown option, a provider its ONNX Runtime lacks) fails
    // at once and for good, before a byte is downloaded.
    private MeasurementRequest Check(JobAssignment job)
    {
        string sha;
        try
        {
            sha = ModelCache.Normalize(job.ModelSha256);
            if (job.ReferenceModelSha256.Length > 0)
            {
                ModelCache.Normalize(job.ReferenceModelSha256);
            }
        }
        catch (ArgumentException e)
        {
            throw new JobFailedException($"the assignment cannot be measured: {e.Message}", permanent: true, e);
        }

        // The real path is known once fetched; validation only needs one.
        var request = job.ToRequest(modelPath: sha + ".onnx");
        request.Validate();
        var provider = ProviderCatalog.Configure(request.Provider, request.ProviderOptions, request.Precision);
        ProviderCatalog.EnsureAvailable(provider, measurer.Capabilities.Providers);
        return request;
    }

    private async Task<CachedModel> FetchAsync(JobAssignment job, Progress progress, CancellationToken cancellationToken)
    {
        progress.Enter(JobPhases.Fetching);
        var model = await cache.GetAsync(job.ModelSha256, job.ModelSizeBytes, cancellationToken);
        progress.ModelFromCache = model.FromCache;
        return model;
    }

    // The loop reports synchronously on its measuring thread, so this forwards at once and in order (Progress<T>
    // would post to the thread pool and could reorder phases).
    private sealed class Progress(JobAssignment job, Action<AgentMessage> send, ILogger logger) : IProgress<MeasurementPhase>
    {
        public string Phase { get; private set; } = "checking";

        public bool ModelFromCache { get; set; }

        public void Enter(string phase)
        {
            Phase = phase;
            AgentLog.JobPhase(logger, job.JobId, phase);
            send(new AgentMessage
            {
                Progress = new JobProgress { JobId = job.JobId, Attempt = job.Attempt, Phase = phase, ModelFromCache = ModelFromCache },
            });
        }

        public void Report(MeasurementPhase value)
        {
            var phase = value switch
            {
                MeasurementPhase.Preparing => JobPhases.Preparing,
                MeasurementPhase.Warming => JobPhases.Warming,
                MeasurementPhase.Measuring => JobPhases.Measuring,
                MeasurementPhase.Profiling => JobPhases.Profiling,
                _ => null,
            };
            if (phase is not null)
            {
                Enter(phase);
            }
        }
    }
}
