using LowFormerBench.Core.Security;

namespace LowFormerBench.Coordinator.Security;

/// <summary>
/// Which credential each connected agent name is held by, so a Hello can only act as the agent its token belongs to.
/// A per-agent token (<c>lfb keys create --role agent --name NAME</c>) may only ever connect as NAME. The shared farm
/// token may connect as any name, as before, except one that is connected now with its own per-agent token: it cannot
/// take over that session and its jobs. The check and the claim are one step under a lock, so two Hellos racing for one
/// name cannot both pass.
/// </summary>
public sealed class AgentClaims
{
    private readonly Dictionary<string, AgentClaim> _claims = new(StringComparer.Ordinal);

    /// <param name="identity">The per-agent key that authenticated the Hello; null for the farm token.</param>
    /// <param name="refusal">Why not, saying what to do; null when claimed.</param>
    public bool TryClaim(string agentName, ApiIdentity? identity, out AgentClaim? claim, out string? refusal)
    {
        claim = null;
        if (identity is not null && !string.Equals(identity.Name, agentName, StringComparison.Ordinal))
        {
            refusal = $"the per-agent token '{identity.Name}' (key {identity.KeyId}) may only connect as agent '{identity.Name}', not as " +
                      $"'{agentName}': start each agent with its own token (lfb keys create --role agent --name {agentName})";
            return false;
        }

        lock (_claims)
        {
            if (identity is null && _claims.TryGetValue(agentName, out var held) && held.KeyId is { } keyId)
            {
                refusal = $"agent '{agentName}' is connected with its own per-agent token (key {keyId}); the farm token cannot take over " +
                          "its session: give this agent another name, or its own token";
                return false;
            }

            claim = new AgentClaim(agentName, identity?.KeyId);
            _claims[agentName] = claim;
            refusal = null;
            return true;
        }
    }

    /// <summary>Ends a claim when its session ends; a newer claim of the same name (a reconnect) is left alone.</summary>
    public void Release(AgentClaim claim)
    {
        lock (_claims)
        {
            if (_claims.TryGetValue(claim.AgentName, out var current) && ReferenceEquals(current, claim))
            {
                _claims.Remove(claim.AgentName);
            }
        }
    }

    /// <summary>The per-agent key the connected agent of this name holds; null for none or the farm token.</summary>
    public string? KeyIdOf(string agentName)
    {
        lock (_claims)
        {
            return _claims.TryGetValue(agentName, out var claim) ? claim.KeyId : null;
        }
    }
}

/// <summary>One connected agent name and the per-agent key it came with (null: the farm token).</summary>
public sealed record AgentClaim(string AgentName, string? KeyId);
