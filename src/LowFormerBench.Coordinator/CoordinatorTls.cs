using LowFormerBench.Core.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace LowFormerBench.Coordinator;

/// <summary>
/// The coordinator's port over TLS: ALPN picks HTTP/2 for gRPC and HTTP/1.1 for browsers, so no prior-knowledge trick
/// (<see cref="CleartextHttp2"/>) is needed. With an agent CA configured, the handshake asks for a client certificate
/// and refuses one of another CA; browsers and the CLI may send none (the agent gateway then refuses agents without one).
/// </summary>
public static class CoordinatorTls
{
    public static ListenOptions UseCoordinatorTls(this ListenOptions listen, TlsOptions tls)
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        var certificate = CertificateTrust.LoadWithKey(tls.CertificatePath!, tls.KeyPath, tls.Password);
        var agentCa = tls.RequiresAgentCertificates ? CertificateTrust.LoadPemBundle(tls.AgentClientCaPath!) : null;
        listen.UseHttps(https =>
        {
            https.ServerCertificate = certificate;
            if (agentCa is not null)
            {
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.ClientCertificateValidation = (client, chain, _) =>
                    CertificateTrust.ChainsTo(client, agentCa, chain is null ? null : new(chain.ChainElements.Select(e => e.Certificate).ToArray()));
            }
        });
        return listen;
    }
}
