using Grpc.Core;
using LowFormerBench.Coordinator.Grpc.Mapping;
using LowFormerBench.Coordinator.Models;
using LowFormerBench.Coordinator.Scheduling;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Models;
using LowFormerBench.Core.Results;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator.Grpc;

/// <summary>The agents' side of the coordinator: a thin adapter from the stream to the dispatcher.</summary>
public sealed class AgentGatewayGrpcService(
    Dispatcher dispatcher,
    AgentStore agents,
    ModelBlobStore blobs,
    AgentTokenCheck tokens,
    Security.AgentKeyRevocations revocations,
    Security.AgentClaims claims,
    IOptions<CoordinatorOptions> options,
    TimeProvider time,
    ILogger<AgentGatewayGrpcService> logger) : AgentGateway.AgentGatewayBase
{
    private const int ChunkBytes = 1 << 20;

    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<CoordinatorMessage> responseStream,
        ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.KindCase != AgentMessage.KindOneofCase.Hello)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the first message of an agent must be a Hello"));
        }

        var hello = requestStream.Current.Hello;
        Core.Security.ApiIdentity? identity;
        try
        {
            identity = await tokens.RequireAsync(hello.Token, context);
        }
        catch (RpcException e)
        {
            CoordinatorLog.AgentRejected(logger, $"{hello.AgentName} from {context.Peer}: {e.Status.Detail}");
            throw;
        }

        if (string.IsNullOrWhiteSpace(hello.AgentName) || hello.Capabilities is null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Hello needs an agent_name and capabilities"));
        }

        // The token says who the caller is; the Hello's name must be that (a per-agent token), or not someone else's (the farm token).
        if (!claims.TryClaim(hello.AgentName, identity, out var claim, out var refusal))
        {
            CoordinatorLog.AgentRejected(logger, $"{hello.AgentName} from {context.Peer}: {refusal}");
            throw new RpcException(new Status(StatusCode.PermissionDenied, refusal!));
        }

        try
        {
            await ServeAsync(requestStream, responseStream, context, hello, identity);
        }
        finally
        {
            claims.Release(claim!);
        }
    }

    private async Task ServeAsync(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<CoordinatorMessage> responseStream,
        ServerCallContext context, Hello hello, Core.Security.ApiIdentity? identity)
    {

        // A per-agent token revoked while connected ends the session (and the agent's reconnect is then refused).
        using var end = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        using var watch = identity is null ? null : revocations.Watch(identity.KeyId, end);
        var cancellationToken = end.Token;
        var capabilities = hello.Capabilities.ToDomain();
        var record = await agents.RegisterAsync(hello.AgentName, capabilities, cancellationToken);
        var stream = new AgentStream();
        var session = AgentSession.Restore(record, capabilities, stream);
        stream.Send(new CoordinatorMessage
        {
            Welcome = new Welcome
            {
                AgentId = record.Id,
                HeartbeatIntervalMs = (int)options.Value.HeartbeatInterval.TotalMilliseconds,
                LeaseTtlMs = (int)options.Value.LeaseTtl.TotalMilliseconds,
            },
        });
        CoordinatorLog.AgentConnected(logger, record.Name, record.Id, capabilities.Arch, capabilities.DeviceClass, string.Join(",", capabilities.Providers));

        var writer = stream.WriteAllAsync(responseStream, cancellationToken);
        try
        {
            await dispatcher.ConnectAsync(session, hello.Reconnect, cancellationToken);
            await foreach (var message in requestStream.ReadAllAsync(cancellationToken))
            {
                await HandleAsync(session, stream, message, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException || e is RpcException { StatusCode: StatusCode.Cancelled })
        {
            // The agent went away: the lease sweeper decides what becomes of its job.
        }
        finally
        {
            stream.Close();
            await dispatcher.DisconnectAsync(session, CancellationToken.None);
            CoordinatorLog.AgentDisconnected(logger, session.Name);
            await writer;
        }

        if (end.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                $"the per-agent token of {hello.AgentName} ({identity?.KeyId}) was revoked: ask an admin for a new one (lfb keys create --role agent)"));
        }
    }

    public override async Task DownloadModel(DownloadModelRequest request, IServerStreamWriter<ModelChunk> responseStream, ServerCallContext context)
    {
        var identity = await tokens.RequireAsync(request.Token, context);
        // Parsed before anything else: only 64 hex characters ever reach the store's path.
        if (!ModelDigest.TryParse(request.Sha256, out var digest))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"sha256: {ModelDigest.Describe(request.Sha256)}"));
        }

        if (!blobs.Contains(digest))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no model with SHA-256 {digest} in the coordinator's store"));
        }

        await using var file = blobs.OpenRead(digest);
        if (request.Offset < 0 || request.Offset > file.Length)
        {
            throw new RpcException(new Status(StatusCode.OutOfRange, $"offset {request.Offset} is outside the file (size {file.Length})"));
        }

        file.Seek(request.Offset, SeekOrigin.Begin);
        // Counted for the authenticated agent: a per-agent token's own name; with the farm token, the named agent unless
        // that name is held by an agent with its own token (the farm token cannot charge its transfers to it).
        var counted = identity?.Name ?? (claims.KeyIdOf(request.AgentName) is null ? request.AgentName : null);
        var session = counted is null ? null : dispatcher.Sessions.FirstOrDefault(s => s.Name == counted);
        var buffer = new byte[ChunkBytes];
        long offset = request.Offset;
        int read;
        while ((read = await file.ReadAsync(buffer, context.CancellationToken)) > 0)
        {
            await responseStream.WriteAsync(new ModelChunk
            {
                Data = Google.Protobuf.ByteString.CopyFrom(buffer, 0, read), Offset = offset, TotalSize = file.Length,
            }, context.CancellationToken);
            offset += read;
            session?.AddDownloadedBytes(read);
        }
    }

    private Task HeartbeatAsync(AgentSession session, Heartbeat heartbeat, CancellationToken cancellationToken)
    {
        session.ReportTemperature(heartbeat.HasTemperatureC ? new TemperatureReading(heartbeat.TemperatureC, time.GetUtcNow()) : null);
        return dispatcher.HeartbeatAsync(session, string.IsNullOrEmpty(heartbeat.JobId) ? null : ReportMapping.ParseJobId(heartbeat.JobId),
            cancellationToken);
    }

    private Task HandleAsync(AgentSession session, AgentStream stream, AgentMessage message, CancellationToken cancellationToken) => message.KindCase switch
    {
        AgentMessage.KindOneofCase.Heartbeat => HeartbeatAsync(session, message.Heartbeat, cancellationToken),
        AgentMessage.KindOneofCase.Progress => dispatcher.ProgressAsync(session, ReportMapping.ParseJobId(message.Progress.JobId),
            message.Progress.Attempt, message.Progress.Phase, cancellationToken),
        AgentMessage.KindOneofCase.Result => AcceptResultAsync(session, stream, message.Result, cancellationToken),
        AgentMessage.KindOneofCase.Failure => AcceptFailureAsync(session, stream, message.Failure, cancellationToken),
        _ => throw new RpcException(new Status(StatusCode.InvalidArgument, $"unexpected {message.KindCase} after Hello")),
    };

    private async Task AcceptResultAsync(AgentSession session, AgentStream stream, JobResult result, CancellationToken cancellationToken)
    {
        // Checked before the dispatcher sees it: a bad result fails its own attempt, never the stream, the campaign or the store.
        MeasurementReport? report = null;
        IReadOnlyList<string> errors;
        try
        {
            (report, errors) = ResultCheck.Verify(result.ToDomain(), new ResultLimits(options.Value.MaxSamplesPerResult));
        }
        catch (RpcException e)
        {
            errors = [e.Status.Detail];
        }

        if (report is null)
        {
            var reason = $"result refused by the coordinator: {string.Join("; ", errors)}";
            var jobId = long.TryParse(result.JobId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : -1;
            CoordinatorLog.ReportNotAccepted(logger, jobId, result.Attempt, session.Name, reason);
            // Fails the attempt only when this agent holds it (the dispatcher checks), so a refusal cannot hurt anyone else's job.
            await dispatcher.FailureAsync(session, jobId, result.Attempt, reason, permanent: false, handedBack: false, cancellationToken);
            stream.Send(new CoordinatorMessage
            {
                Ack = new ReportAck
                {
                    JobId = result.JobId, Attempt = result.Attempt, Outcome = ReportOutcome.Refused.ToString().ToLowerInvariant(), Reason = reason,
                },
            });
            return;
        }

        var outcome = await dispatcher.ResultAsync(session, report, cancellationToken);
        stream.Send(new CoordinatorMessage
        {
            Ack = new ReportAck { JobId = result.JobId, Attempt = result.Attempt, Outcome = outcome.ToString().ToLowerInvariant() },
        });
    }

    private async Task AcceptFailureAsync(AgentSession session, AgentStream stream, JobFailure failure, CancellationToken cancellationToken)
    {
        await dispatcher.FailureAsync(session, ReportMapping.ParseJobId(failure.JobId), failure.Attempt, failure.Reason, failure.Permanent,
            failure.HandedBack, cancellationToken);
        stream.Send(new CoordinatorMessage { Ack = new ReportAck { JobId = failure.JobId, Attempt = failure.Attempt } });
    }
}
