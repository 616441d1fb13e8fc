using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;
using LowFormerBench.Coordinator.Security;
using LowFormerBench.Core.Security;

namespace LowFormerBench.Coordinator.Grpc;

/// <summary>
/// Authentication, authorisation and rate limits for every Control API call, from "authorization: Bearer KEY" (what
/// <c>lfb --token</c> / LFB_TOKEN send). No, unknown or revoked key: Unauthenticated; a key whose role is too low:
/// PermissionDenied; too many calls: ResourceExhausted with a "retry-after-ms" trailer. Agent gateway calls are left to
/// their own Hello token.
/// </summary>
public sealed class ControlAuthInterceptor(AccessPolicy policy, CallerRateLimiter limiter) : Interceptor
{
    private static readonly string ControlPrefix = $"/{Protos.V1.Control.Descriptor.FullName}/";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await RequireAsync(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await RequireAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await RequireAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await RequireAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private async Task RequireAsync(ServerCallContext context)
    {
        if (!context.Method.StartsWith(ControlPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var method = context.Method[ControlPrefix.Length..];
        var needed = ControlMethodRoles.For(method);
        var header = context.RequestHeaders.GetValue("authorization") ?? "";
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        var identity = presented.Length > 0 ? await policy.VerifyAsync(presented, context.CancellationToken) : null;
        if (presented.Length > 0 && identity is null)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                $"the key presented for {method} is unknown or revoked: {AccessPolicy.HowToGetKey(needed)}"));
        }

        if (identity is null && await policy.KeysRequiredAsync(context.CancellationToken) && !(needed == ApiRole.Viewer && policy.AllowAnonymousRead))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                $"this coordinator requires a key for {method}: {AccessPolicy.HowToGetKey(needed)}"));
        }

        if (identity is not null && !identity.Role.Satisfies(needed))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"{method} needs role {needed.Name()}; key '{identity.Name}' ({identity.KeyId}) has role {identity.Role.Name()}: " +
                AccessPolicy.HowToGetKey(needed)));
        }

        var caller = identity?.KeyId ?? $"address:{PeerAddress(context.Peer)}";
        if (limiter.TryAcquire(caller) is { } retryAfter)
        {
            var ms = Math.Ceiling(retryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"too many calls from {(identity is null ? "this address" : $"key '{identity.Name}'")}: retry in {ms} ms " +
                "(limits: Coordinator:RateLimit:PermitsPerSecond and Burst)"), new Metadata { { "retry-after-ms", ms } });
        }
    }

    // "ipv4:127.0.0.1:5000" -> "ipv4:127.0.0.1": one bucket per host, not per connection.
    private static string PeerAddress(string peer) => peer.LastIndexOf(':') is var i and > 0 ? peer[..i] : peer;
}
