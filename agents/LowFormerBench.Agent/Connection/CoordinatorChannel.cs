using Grpc.Net.Client;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Agent.Connection;

/// <summary>
/// The one HTTP/2 channel to the coordinator, shared by the session stream and model downloads. Over http:// it
/// speaks h2c with prior knowledge, which Grpc.Net.Client does without any switch.
/// </summary>
public sealed class CoordinatorChannel : IDisposable
{
    /// <summary>The coordinator's limit too: a result with every sample of a long run fits well inside.</summary>
    public const int MaxMessageBytes = 64 << 20;

    private readonly GrpcChannel _channel;

    public CoordinatorChannel(IOptions<AgentOptions> options)
    {
        Address = new Uri(options.Value.CoordinatorUrl);
        _channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                SslOptions = TlsOptions(options.Value),
                // Pings find a dead path (NAT timeout, pulled cable) within half a minute, even while the agent
                // measures for minutes and sends nothing but heartbeats.
                KeepAlivePingDelay = TimeSpan.FromSeconds(20),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                // A model download must not queue behind the session stream's HTTP/2 connection limits.
                EnableMultipleHttp2Connections = true,
            },
            MaxReceiveMessageSize = MaxMessageBytes,
            MaxSendMessageSize = MaxMessageBytes,
        });
        Client = new AgentGateway.AgentGatewayClient(_channel);
    }

    public Uri Address { get; }

    // Over https://: the agent's client certificate for mutual TLS, and the farm's own CA for the server's certificate.
    private static System.Net.Security.SslClientAuthenticationOptions TlsOptions(AgentOptions options)
    {
        var ssl = new System.Net.Security.SslClientAuthenticationOptions();
        if (!string.IsNullOrWhiteSpace(options.ClientCertificatePath))
        {
            ssl.ClientCertificates = [Core.Security.CertificateTrust.LoadWithKey(AgentOptions.ExpandHome(options.ClientCertificatePath),
                string.IsNullOrWhiteSpace(options.ClientKeyPath) ? null : AgentOptions.ExpandHome(options.ClientKeyPath), null)];
        }

        if (!string.IsNullOrWhiteSpace(options.CaCertificatePath))
        {
            ssl.RemoteCertificateValidationCallback =
                Core.Security.CertificateTrust.TrustOnly(Core.Security.CertificateTrust.LoadPemBundle(AgentOptions.ExpandHome(options.CaCertificatePath)));
        }

        return ssl;
    }

    public AgentGateway.AgentGatewayClient Client { get; }

    public void Dispose() => _channel.Dispose();
}
