using System.Threading.Channels;
using Grpc.Core;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Agent.Connection;

public sealed partial class GatewayConnection
{
    // A coordinator that accepts the call but never welcomes is wedged or not ours: drop the call and redial.
    private static readonly TimeSpan WelcomeTimeout = TimeSpan.FromSeconds(30);

    // Used when a Welcome leaves the interval out, well inside any sensible lease.
    private static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(3);

    /// <summary>One Connect call, from Hello to the end of the stream. Returns when the coordinator ends it; throws when it fails.</summary>
    private async Task RunSessionAsync(Capabilities capabilities, CancellationToken cancellationToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = channel.Client.Connect(cancellationToken: session.Token);
        // The stream's one writer drains this channel: nothing else ever calls WriteAsync, so writes never overlap.
        var outgoing = Channel.CreateUnbounded<AgentMessage>(new UnboundedChannelOptions { SingleReader = true });
        var reconnect = _welcomedBefore;
        outgoing.Writer.TryWrite(new AgentMessage
        {
            Hello = new Hello { Token = options.Value.Token, AgentName = options.Value.Name, Capabilities = capabilities, Reconnect = reconnect },
        });
        var writer = WriteLoopAsync(call.RequestStream, outgoing.Reader, session);
        var heartbeats = Task.CompletedTask;
        try
        {
            var welcome = await ReadWelcomeAsync(call.ResponseStream, session.Token);
            backoff.Reset();
            _welcomedBefore = true;
            var interval = welcome.HeartbeatIntervalMs > 0 ? TimeSpan.FromMilliseconds(welcome.HeartbeatIntervalMs) : DefaultHeartbeatInterval;
            AgentLog.Connected(logger, options.Value.Name, channel.Address.ToString(), welcome.AgentId, (int)interval.TotalMilliseconds, reconnect);
            if (outbox.Attach(outgoing.Writer) is > 0 and var resent)
            {
                AgentLog.ReportsResent(logger, resent);
            }

            heartbeats = HeartbeatLoopAsync(outgoing.Writer, interval, session.Token);
            await foreach (var message in call.ResponseStream.ReadAllAsync(session.Token))
            {
                Handle(message);
            }
        }
        finally
        {
            outbox.Detach(outgoing.Writer);
            outgoing.Writer.TryComplete();
            await session.CancelAsync();
            await writer;
            await heartbeats;
        }
    }

    private async Task<Welcome> ReadWelcomeAsync(IAsyncStreamReader<CoordinatorMessage> responses, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(WelcomeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        bool received;
        try
        {
            received = await responses.MoveNext(linked.Token);
        }
        catch (Exception e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                                  && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            throw new TimeoutException($"the coordinator did not welcome this agent within {WelcomeTimeout.TotalSeconds:F0} s", e);
        }

        if (!received)
        {
            throw new IOException("the coordinator ended the stream before welcoming this agent");
        }

        return responses.Current.KindCase == CoordinatorMessage.KindOneofCase.Welcome
            ? responses.Current.Welcome
            : throw new InvalidDataException($"the coordinator's first message was {responses.Current.KindCase}, not Welcome");
    }

    private void Handle(CoordinatorMessage message)
    {
        switch (message.KindCase)
        {
            case CoordinatorMessage.KindOneofCase.Assignment:
                jobs.Offer(message.Assignment);
                break;
            case CoordinatorMessage.KindOneofCase.Cancel:
                jobs.Cancel(message.Cancel.JobId);
                break;
            case CoordinatorMessage.KindOneofCase.Drain:
                AgentLog.Draining(logger, $"the coordinator asked: {message.Drain.Reason}");
                jobs.StopTakingWork();
                break;
            case CoordinatorMessage.KindOneofCase.Ack:
                if (message.Ack.Outcome == "refused")
                {
                    // Refused for good (re-sending the same numbers would be refused again); the attempt failed on the coordinator.
                    AgentLog.ResultRefused(logger, message.Ack.JobId, message.Ack.Attempt, message.Ack.Reason);
                }

                outbox.Acknowledge(message.Ack.JobId, message.Ack.Attempt);
                break;
            default:
                AgentLog.UnexpectedMessage(logger, message.KindCase.ToString());
                break;
        }
    }

    private async Task HeartbeatLoopAsync(ChannelWriter<AgentMessage> session, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var heartbeat = new Heartbeat { JobId = jobs.CurrentJobId ?? "" };
                if (temperature.HottestCelsius() is { } celsius)
                {
                    heartbeat.TemperatureC = celsius;
                }

                session.TryWrite(new AgentMessage { Heartbeat = heartbeat });
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
    }

    // Completing the request stream once the channel is closed is the graceful end of a session: the coordinator
    // then ends the call itself. A failed write ends the whole session, or the reader would wait on a mute stream.
    private static async Task WriteLoopAsync(IClientStreamWriter<AgentMessage> stream, ChannelReader<AgentMessage> messages,
        CancellationTokenSource session)
    {
        try
        {
            await foreach (var message in messages.ReadAllAsync(session.Token))
            {
                await stream.WriteAsync(message, session.Token);
            }

            await stream.CompleteAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or InvalidOperationException)
        {
            await session.CancelAsync();
        }
    }
}
