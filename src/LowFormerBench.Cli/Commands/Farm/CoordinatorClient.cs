using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using LowFormerBench.Coordinator;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Cli.Commands.Farm;

/// <summary>A Control API client whose failures become one line a user can act on.</summary>
public sealed class CoordinatorClient : IDisposable
{
    private readonly GrpcChannel _channel;

    /// <summary>Environment variable with the API key (or Control token) sent when no --token is given.</summary>
    public const string TokenVariable = "LFB_TOKEN";

    /// <summary>Environment variable naming a PEM CA file that issued the coordinator's certificate (a farm's own CA).</summary>
    public const string CaVariable = "LFB_CA";

    /// <summary>Environment variable that, set to 1, skips checking the coordinator's certificate (a test farm only).</summary>
    public const string InsecureVariable = "LFB_INSECURE";

    /// <param name="token">Sent as a bearer token on every Control call, for a coordinator that asks for one; default $LFB_TOKEN.</param>
    public CoordinatorClient(string url, string? token = null)
    {
        token ??= Environment.GetEnvironmentVariable(TokenVariable);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliFailure($"--coordinator must be an http:// or https:// URL, not '{url}'");
        }

        Url = url;
        _channel = GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = Handler(),
            MaxReceiveMessageSize = CoordinatorHostExtensions.MaxMessageBytes,
            MaxSendMessageSize = CoordinatorHostExtensions.MaxMessageBytes,
        });
        Control = token is { Length: > 0 }
            ? new Control.ControlClient(_channel.Intercept(headers =>
            {
                headers.Add("authorization", $"Bearer {token}");
                return headers;
            }))
            : new Control.ControlClient(_channel);
    }

    public string Url { get; }

    public Control.ControlClient Control { get; }

    /// <summary>Runs a call, translating gRPC errors into <see cref="CliFailure"/>.</summary>
    public async Task<T> CallAsync<T>(Func<Control.ControlClient, Task<T>> call)
    {
        try
        {
            return await call(Control);
        }
        catch (RpcException e)
        {
            throw Explain(e);
        }
    }

    public CliFailure Explain(RpcException e) => e.StatusCode switch
    {
        StatusCode.Internal or StatusCode.Unavailable when e.Status.Detail.Contains("SSL", StringComparison.Ordinal) => new CliFailure(
            $"TLS with the coordinator at {Url} failed ({e.Status.Detail}). If its certificate comes from the farm's own CA, set {CaVariable}=ca.pem"),
        StatusCode.Unavailable => new CliFailure($"cannot reach the coordinator at {Url} ({e.Status.Detail}). Is 'lfb up' running there?"),
        StatusCode.DeadlineExceeded => new CliFailure($"the coordinator at {Url} did not answer in time"),
        _ => new CliFailure(e.Status.Detail),
    };

    public void Dispose() => _channel.Dispose();

    private static SocketsHttpHandler Handler()
    {
        var handler = new SocketsHttpHandler();
        if (Environment.GetEnvironmentVariable(InsecureVariable) == "1")
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (Environment.GetEnvironmentVariable(CaVariable) is { Length: > 0 } ca)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = Core.Security.CertificateTrust.TrustOnly(Core.Security.CertificateTrust.LoadPemBundle(ca));
        }

        return handler;
    }
}
