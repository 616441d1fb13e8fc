using LowFormerBench.Core.Scheduling;

namespace LowFormerBench.Coordinator.Scheduling;

/// <summary>
/// The way to one connected agent: the gateway maps each instruction to its wire message and writes it from the
/// stream's one writer loop. Scheduling never sees the wire types.
/// </summary>
public interface IAgentLink
{
    /// <summary>Queues an instruction for the agent; never blocks and never throws once the stream ended.</summary>
    void Send(AgentInstruction instruction);

    /// <summary>Ends the stream's writer (the session was replaced or ended).</summary>
    void Close();
}
