using Grpc.Core;
using LowFormerBench.Measurement;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Agent.Jobs;

/// <summary>
/// Why a job could not be measured, as the wire's <see cref="JobFailure"/>: a reason a person can act on, and whether
/// another attempt (here or elsewhere) could succeed. Unknown errors are transient: the coordinator's attempt limit
/// stops a job that keeps failing, while a wrongly permanent failure would lose a measurement for good.
/// </summary>
internal static class FailureMapping
{
    /// <param name="phase">The phase the job was in, which tells a model ONNX Runtime cannot open from a device error.</param>
    public static JobFailure ToFailure(this Exception error, JobAssignment job, string phase, string cacheDirectory)
    {
        var (reason, permanent) = error switch
        {
            JobFailedException e => (e.Message, e.Permanent),
            MeasurementSetupException e => (e.Message, true),
            RpcException { StatusCode: StatusCode.NotFound } e =>
                ($"the coordinator has no model with SHA-256 {job.ModelSha256} ({e.Status.Detail}); upload the model again", true),
            RpcException e =>
                ($"could not download model {job.ModelSha256} from the coordinator: {e.StatusCode}: {e.Status.Detail}", false),
            InvalidDataException e => (e.Message, false),
            UnauthorizedAccessException e =>
                ($"the agent may not write its model cache {cacheDirectory}: {e.Message}; fix its permissions or set Agent:CacheDirectory", false),
            IOException e => ($"disk error in the model cache {cacheDirectory}: {e.Message}", false),
            // The worker crashed, hung or printed garbage: it was stopped and the next job starts a fresh one; another
            // attempt may well succeed.
            LowFormerBench.Measurement.Runners.Torch.TorchWorkerException e => (e.Message, false),
            OperationCanceledException => ("the job was interrupted by a time-out in the agent", false),
            OutOfMemoryException => ($"out of memory while {phase}: {error.Message}", false),
            // A batch too large for the device (expected at the top of a batch sweep on a GPU): retrying gives the same
            // answer and would count against the agent's health, so the job fails for good and says which batch.
            _ when OutOfMemoryErrors.Matches(error) =>
                ($"out of memory at batch {job.Batch} while {phase}: {error.Message}; this batch does not fit the device, " +
                 "measure a smaller one (a batch sweep's best batch is picked among the batches that fit)", true),
            // Opening the session is where ONNX Runtime rejects a graph (invalid protobuf or graph, an operator it
            // does not implement): every device with this library would reject it too.
            _ when phase == JobPhases.Preparing =>
                ($"ONNX Runtime could not open model {job.ModelDisplayName} ({job.ModelSha256}) for {job.Provider}: {error.Message}", true),
            _ => ($"agent error while {phase} ({error.GetType().Name}): {error.Message}", false),
        };
        return new JobFailure { JobId = job.JobId, Attempt = job.Attempt, Reason = reason, Permanent = permanent };
    }

    /// <summary>A job given back unmeasured: queued again, and not counted as an attempt.</summary>
    public static JobFailure HandBack(JobAssignment job, string reason) =>
        new() { JobId = job.JobId, Attempt = job.Attempt, Reason = reason, HandedBack = true };
}
