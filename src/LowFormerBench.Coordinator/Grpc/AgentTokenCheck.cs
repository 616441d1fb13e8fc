using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Security;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator.Grpc;

/// <summary>
/// Checks an agent's token: the farm token (constant-time comparison) or a per-agent token (<c>lfb keys create --role
/// agent</c>, stored hashed). Refuses with a message that says what to fix; with mutual TLS configured, an agent must
/// also have presented a client certificate of the farm's CA.
/// </summary>
public sealed class AgentTokenCheck(IOptions<CoordinatorOptions> options, ApiKeyStore keys)
{
    /// <summary>The per-agent key's identity, or null for the farm token.</summary>
    public async Task<ApiIdentity?> RequireAsync(string presented, ServerCallContext context)
    {
        RequireClientCertificate(context);
        var expected = Encoding.UTF8.GetBytes(options.Value.AgentToken);
        var actual = Encoding.UTF8.GetBytes(presented ?? "");
        if (CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return null;
        }

        if (await keys.VerifyAsync(presented, context.CancellationToken) is { Role: ApiRole.Agent } identity)
        {
            return identity;
        }

        throw new RpcException(new Status(StatusCode.Unauthenticated,
            $"agent token rejected by the coordinator (peer {context.Peer}): start the agent with the farm's token (--token), " +
            "the one the coordinator was started with (--agent-token), or a per-agent token from 'lfb keys create --role agent' that is not revoked"));
    }

    // The TLS handshake already refused certificates of another CA; this refuses agents that sent none.
    private void RequireClientCertificate(ServerCallContext context)
    {
        if (options.Value.Tls.RequiresAgentCertificates && context.GetHttpContext().Connection.ClientCertificate is null)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                $"this coordinator requires agents to present a client certificate issued by the farm's CA (peer {context.Peer}): " +
                "set Agent:ClientCertificatePath (and Agent:ClientKeyPath) on the agent"));
        }
    }
}
