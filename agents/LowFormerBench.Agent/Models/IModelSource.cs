using LowFormerBench.Protos.V1;

namespace LowFormerBench.Agent.Models;

/// <summary>Where model bytes come from: the coordinator's DownloadModel stream, or a fake in tests.</summary>
public interface IModelSource
{
    /// <summary>The model's bytes from <paramref name="offset"/> to its end, in order.</summary>
    IAsyncEnumerable<ModelChunk> ReadAsync(string sha256, long offset, CancellationToken cancellationToken);
}
