using Grpc.Core;
using LowFormerBench.Coordinator.Grpc.Mapping;
using LowFormerBench.Coordinator.Models;
using LowFormerBench.Coordinator.Scheduling;
using LowFormerBench.Coordinator.Storage;
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
        await tokens.RequireAsync(request.Token, context);
        if (!blobs.Contains(request.Sha256))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no model with SHA-256 {request.Sha256} in the coordinator's store"));
        }

        await using var file = blobs.OpenRead(request.Sha256);
        if (request.Offset < 0 || request.Offset > file.Length)
        {
            throw new RpcException(new Status(StatusCode.OutOfRange, $"offset {request.Offset} is outside the file (size {file.Length})"));
        }

        file.Seek(request.Offset, SeekOrigin.Begin);
        var session = dispatcher.Sessions.FirstOrDefault(s => s.Name == request.AgentName);
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
        var outcome = await dispatcher.ResultAsync(session, result.ToDomain(), cancellationToken);
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
