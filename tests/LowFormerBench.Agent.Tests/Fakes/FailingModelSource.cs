using LowFormerBench.Agent.Models;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Agent.Tests.Fakes;

/// <summary>A model source whose download fails at once, as the coordinator's call would (not found, unavailable).</summary>
public sealed class FailingModelSource(Exception error) : IModelSource
{
    public IAsyncEnumerable<ModelChunk> ReadAsync(string sha256, long offset, CancellationToken cancellationToken) => throw error;
}
