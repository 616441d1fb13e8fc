using System.Security.Cryptography;
using LowFormerBench.Core.Models;

namespace LowFormerBench.Coordinator.Models;

/// <summary>
/// Model files named by their SHA-256: the same bytes are stored once, whoever sends them. Every method takes a
/// <see cref="ModelDigest"/>, never a string, so a path is only ever this folder plus 64 hex characters.
/// </summary>
public sealed class ModelBlobStore
{
    public ModelBlobStore(string directory)
    {
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
    }

    public string Directory { get; }

    public string PathOf(ModelDigest digest) => System.IO.Path.Combine(Directory, digest.FileName);

    public bool Contains(ModelDigest digest) => File.Exists(PathOf(digest));

    public long SizeOf(ModelDigest digest) => new FileInfo(PathOf(digest)).Length;

    /// <summary>Stores bytes, hashing them on the way; a write that dies midway leaves no blob behind.</summary>
    public async Task<(ModelDigest Digest, long Size)> PutAsync(Func<Stream, Task> write, CancellationToken cancellationToken = default)
    {
        var temporary = System.IO.Path.Combine(Directory, $"upload-{Guid.NewGuid():N}.partial");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                await write(file);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            var sha256 = await HashAsync(temporary, cancellationToken);
            var size = new FileInfo(temporary).Length;
            if (!Contains(sha256))
            {
                File.Move(temporary, PathOf(sha256));
            }

            return (sha256, size);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Stream OpenRead(ModelDigest digest) =>
        new FileStream(PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);

    private static async Task<ModelDigest> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return ModelDigest.FromHash(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
