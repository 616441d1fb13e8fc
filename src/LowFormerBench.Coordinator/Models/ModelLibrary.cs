using System.Collections.Concurrent;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Models;
using LowFormerBench.Core.Queries;
using LowFormerBench.ModelZoo;
using LowFormerBench.ModelZoo.Counting;
using LowFormerBench.ModelZoo.Onnx;
using LowFormerBench.ModelZoo.Probes;
using LowFormerBench.Core.Probes;
using Microsoft.Extensions.Logging;

namespace LowFormerBench.Coordinator.Models;

/// <summary>
/// Models the farm can dispatch: built-in zoo models, built once per resolution and precision (their weights are
/// deterministic, so the same SHA-256 every time and agents' caches stay warm), and uploaded files.
/// </summary>
public sealed class ModelLibrary(ModelRecordStore records, ModelBlobStore blobs, ILogger<ModelLibrary> logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _building = new();

    public async Task<ModelView> EnsureBuiltInAsync(string zooName, int resolution, Core.Jobs.Precision precision, CancellationToken cancellationToken)
    {
        var entry = Zoo.Get(zooName);
        var wire = Core.Jobs.PrecisionNames.ToWire(precision);
        var key = $"{entry.Card.Name}@{resolution}/{wire}";
        var gate = _building.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var known = await records.FindBuiltInAsync(entry.Card.Name, resolution, wire, cancellationToken);
            if (known is not null && ModelDigest.TryParse(known.Sha256, out var knownDigest) && blobs.Contains(knownDigest))
            {
                return known;
            }

            var built = Zoo.Build(entry, new ModelBuildOptions(resolution, Precision: precision == Core.Jobs.Precision.Fp16 ? Precision.Float16 : Precision.Float32));
            var (digest, size) = await blobs.PutAsync(stream => Task.Run(() => built.WriteTo(stream), cancellationToken), cancellationToken);
            var sha256 = digest.Hex;
            // A published top-1 belongs to the resolution it was published at: a 128 px build of a 224 px model has none.
            var top1 = resolution == entry.Card.DefaultResolution ? entry.Card.Top1?.Value : null;
            var model = new ModelView(sha256, entry.Card.Name, "builtin", entry.Card.Name, entry.Card.Family, resolution, wire, size,
                built.Parameters, built.Macs, top1);
            await records.AddAsync(model, cancellationToken);
            CoordinatorLog.ModelStored(logger, sha256, key, size);
            return model;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A probe built once per precision (deterministic weights: the same SHA-256 every time), stored as a built-in model.</summary>
    public async Task<ModelView> EnsureProbeAsync(SizedProbe probe, Core.Jobs.Precision precision, CancellationToken cancellationToken)
    {
        var wire = Core.Jobs.PrecisionNames.ToWire(precision);
        var zooName = ProbeZooPrefix + probe.Probe.Name;
        var resolution = probe.Probe.Input.Resolution;
        var gate = _building.GetOrAdd($"{zooName}@{resolution}/{wire}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var known = await records.FindBuiltInAsync(zooName, resolution, wire, cancellationToken);
            if (known is not null && ModelDigest.TryParse(known.Sha256, out var knownDigest) && blobs.Contains(knownDigest))
            {
                return known;
            }

            var built = ProbeBuilder.Build(probe.Probe, precision: precision == Core.Jobs.Precision.Fp16 ? Precision.Float16 : Precision.Float32);
            var (digest, size) = await blobs.PutAsync(stream => Task.Run(() => built.WriteTo(stream), cancellationToken), cancellationToken);
            var sha256 = digest.Hex;
            var model = new ModelView(sha256, probe.Probe.Name, "builtin", zooName, "probe:" + probe.Probe.Family.Name(), resolution, wire, size,
                built.Parameters, built.Macs, null)
            {
                Probe = new ProbeFacts(probe.Probe.Family.Name(), probe.Probe.Comparison, probe.Probe.Variant, probe.Probe.Reference, probe.MacResidual),
            };
            await records.AddAsync(model, cancellationToken);
            CoordinatorLog.ModelStored(logger, sha256, zooName, size);
            return (await records.GetAsync(sha256, cancellationToken)) ?? model;
        }
        finally
        {
            gate.Release();
        }
    }

    public const string ProbeZooPrefix = "probe:";

    public Task<ModelView?> GetAsync(string sha256, CancellationToken cancellationToken) => records.GetAsync(sha256, cancellationToken);

    /// <summary>
    /// Stores an uploaded file after checking that it is an ONNX model whose parameters and MACs can be counted and
    /// that ONNX Runtime loads; a file that is not is refused with the reason, and nothing of it is kept.
    /// </summary>
    public async Task<ModelView> AddUploadAsync(string displayName, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var (digest, size) = await blobs.PutAsync(write, cancellationToken);
        var sha256 = digest.Hex;
        if (await records.GetAsync(sha256, cancellationToken) is { } known)
        {
            return known;
        }

        ModelCount count;
        try
        {
            count = OnnxModelCounter.Count(OnnxModelFile.Load(blobs.PathOf(digest)), new CountOptions());
            Measurement.Runners.OnnxRuntimeLoadCheck.Require(blobs.PathOf(digest));
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or InvalidOperationException)
        {
            File.Delete(blobs.PathOf(digest));
            throw new InvalidDataException($"'{displayName}' was refused: {e.Message}", e);
        }

        var precision = count.Inputs.FirstOrDefault()?.ElementType == "float16" ? "fp16" : "fp32";
        var model = new ModelView(sha256, displayName, "upload", null, null, 0, precision, size, count.Parameters, count.Macs, null);
        await records.AddAsync(model, cancellationToken);
        CoordinatorLog.ModelStored(logger, sha256, displayName, size);
        return model;
    }
}
