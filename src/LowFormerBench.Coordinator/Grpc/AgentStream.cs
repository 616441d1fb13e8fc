using System.Threading.Channels;
using Grpc.Core;
using LowFormerBench.Coordinator.Grpc.Mapping;
using LowFormerBench.Coordinator.Scheduling;
using LowFormerBench.Core.Scheduling;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Coordinator.Grpc;

/// <summary>
/// The coordinator's side of one agent's stream: every message to the agent (the gateway's welcome and acks, the
/// scheduler's instructions mapped to the wire) goes through one outbox, drained by one writer loop, so no two tasks
/// ever write to the stream at once.
/// </summary>
internal sealed class AgentStream : IAgentLink
{
    private readonly Channel<CoordinatorMessage> _outbox = Channel.CreateUnbounded<CoordinatorMessage>(new UnboundedChannelOptions { SingleReader = true });

    public void Send(AgentInstruction instruction) => Send(instruction.ToProto());

    public void Send(CoordinatorMessage message) => _outbox.Writer.TryWrite(message);

    public void Close() => _outbox.Writer.TryComplete();

    /// <summary>The stream's one writer: drains the outbox until it is closed or the call ends.</summary>
    public async Task WriteAllAsync(IServerStreamWriter<CoordinatorMessage> stream, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(cancellationToken))
            {
                await stream.WriteAsync(message, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The call ended while writing; the reader side handles the disconnect.
        }
    }
}
