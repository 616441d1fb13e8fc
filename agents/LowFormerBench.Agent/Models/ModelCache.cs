using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Agent.Models;

/// <summary>
/// Models on local disk by content: <c>&lt;sha256&gt;.onnx</c> in the cache folder. A file found there is hashed once per
/// process before it is trusted (a disk can rot, an operator can copy a wrong file); a missing one is downloaded into
/// <c>&lt;sha256&gt;.partial</c>, resuming from what an earlier cut-off download left, hashed as it arrives, and renamed
/// into place only once its hash matches, so a cached file is always whole.
/// </summary>
public sealed class ModelCache(IModelSource source, IOptions<AgentOptions> options, ILogger<ModelCache> logger)
{
    private const int CopyBufferBytes = 1 << 16;

    // One job runs at a time, but `lfb up` could host two agents on one cache folder: downloads never interleave.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _verified = new(StringComparer.Ordinal);

    /// <summary>The verified model file, from the cache or freshly downloaded.</summary>
    /// <param name="expectedSize">The size the coordinator announced, or 0 when unknown.</param>
    /// <exception cref="InvalidDataException">What arrived does not hash to <paramref name="sha256"/>; nothing is kept.</exception>
    public async Task<CachedModel> GetAsync(string sha256, long expectedSize, CancellationToken cancellationToken)
    {
        var sha = Normalize(sha256);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var directory = Directory.CreateDirectory(options.Value.ResolvedCacheDirectory).FullName;
            var path = Path.Combine(directory, sha + ".onnx");
            if (File.Exists(path) && await IsIntactAsync(sha, path, cancellationToken))
            {
                AgentLog.ModelCacheHit(logger, sha);
                return new CachedModel(path, sha, FromCache: true, BytesDownloaded: 0);
            }

            var downloaded = await DownloadAsync(sha, path, expectedSize, cancellationToken);
            _verified.Add(sha);
            return new CachedModel(path, sha, FromCache: false, downloaded);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Lower-case hex; anything else could name a path outside the cache folder.</summary>
    public static string Normalize(string sha256) =>
        sha256.Length == 64 && sha256.All(char.IsAsciiHexDigit)
            ? sha256.ToLowerInvariant()
            : throw new ArgumentException($"'{sha256}' is not a SHA-256 (64 hex digits)", nameof(sha256));

    private async Task<bool> IsIntactAsync(string sha, string path, CancellationToken cancellationToken)
    {
        if (_verified.Contains(sha))
        {
            return true;
        }

        await using (var file = File.OpenRead(path))
        {
            if (Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken)) == sha)
            {
                _verified.Add(sha);
                return true;
            }
        }

        AgentLog.ModelCacheCorrupt(logger, sha);
        File.Delete(path);
        return false;
    }

    private async Task<long> DownloadAsync(string sha, string path, long expectedSize, CancellationToken cancellationToken)
    {
        var partial = Path.ChangeExtension(path, ".partial");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var offset = await ResumeAsync(partial, expectedSize, hash, cancellationToken);
        long received = 0;
        await using (var file = new FileStream(partial, FileMode.Append, FileAccess.Write, FileShare.None, CopyBufferBytes, useAsync: true))
        {
            await foreach (var chunk in source.ReadAsync(sha, offset, cancellationToken))
            {
                if (chunk.Offset != offset + received)
                {
                    throw new InvalidDataException(
                        $"model {sha}: the coordinator sent bytes at offset {chunk.Offset}, expected {offset + received}; the download is retried");
                }

                var data = chunk.Data.Memory;
                hash.AppendData(data.Span);
                await file.WriteAsync(data, cancellationToken);
                received += data.Length;
            }

            // On disk before the rename: after a power cut the name must not point at blocks never written.
            file.Flush(flushToDisk: true);
        }

        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (actual != sha)
        {
            File.Delete(partial);
            throw new InvalidDataException(
                $"model {sha} arrived from the coordinator with SHA-256 {actual} ({offset + received} bytes" +
                (offset > 0 ? $", resumed at {offset}" : "") + "); the bytes were discarded and the next attempt downloads it again. " +
                "If this repeats, the coordinator's copy is damaged: upload the model again.");
        }

        File.Move(partial, path, overwrite: true);
        AgentLog.ModelDownloaded(logger, sha, received, offset);
        return received;
    }

    // Hashes what an earlier download left, so the transfer continues where it stopped rather than from zero.
    private static async Task<long> ResumeAsync(string partial, long expectedSize, IncrementalHash hash, CancellationToken cancellationToken)
    {
        if (!File.Exists(partial))
        {
            return 0;
        }

        if (expectedSize > 0 && new FileInfo(partial).Length > expectedSize)
        {
            File.Delete(partial);
            return 0;
        }

        await using var file = new FileStream(partial, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferBytes, useAsync: true);
        var buffer = new byte[CopyBufferBytes];
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return file.Length;
    }
}

/// <summary>A verified model file on local disk.</summary>
/// <param name="Path">The <c>&lt;sha256&gt;.onnx</c> file.</param>
/// <param name="FromCache">True when no byte was transferred for this job.</param>
/// <param name="BytesDownloaded">Bytes transferred for this job (a resumed download counts only the rest).</param>
public sealed record CachedModel(string Path, string Sha256, bool FromCache, long BytesDownloaded);
