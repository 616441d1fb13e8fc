using System.Runtime.CompilerServices;
using Google.Protobuf;
using LowFormerBench.Agent.Models;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Agent.Tests.Fakes;

/// <summary>Serves one model's bytes in small chunks from any offset, and records what was asked.</summary>
public sealed class FakeModelSource(byte[] bytes, int chunkBytes = 7) : IModelSource
{
    public List<long> RequestedOffsets { get; } = [];

    public long BytesServed { get; private set; }

    public async IAsyncEnumerable<ModelChunk> ReadAsync(string sha256, long offset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RequestedOffsets.Add(offset);
        for (var position = offset; position < bytes.Length; position += chunkBytes)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            var length = (int)Math.Min(chunkBytes, bytes.Length - position);
            BytesServed += length;
            yield return new ModelChunk { Data = ByteString.CopyFrom(bytes, (int)position, length), Offset = position, TotalSize = bytes.Length };
        }
    }
}
