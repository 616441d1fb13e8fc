using System.Runtime.CompilerServices;
using Grpc.Core;
using LowFormerBench.Agent.Connection;
using LowFormerBench.Protos.V1;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Agent.Models;

/// <summary>Model bytes from the coordinator's <c>AgentGateway.DownloadModel</c> server stream.</summary>
public sealed class GrpcModelSource(CoordinatorChannel channel, IOptions<AgentOptions> options) : IModelSource
{
    public async IAsyncEnumerable<ModelChunk> ReadAsync(string sha256, long offset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new DownloadModelRequest
        {
            Token = options.Value.Token,
            Sha256 = sha256,
            Offset = offset,
            AgentName = options.Value.Name,
        };
        using var call = channel.Client.DownloadModel(request, cancellationToken: cancellationToken);
        await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            yield return chunk;
        }
    }
}
