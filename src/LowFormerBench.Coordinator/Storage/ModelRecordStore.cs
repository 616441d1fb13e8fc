using Dapper;
using LowFormerBench.Core.Probes;
using LowFormerBench.Core.Queries;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>Metadata of stored models (the bytes are in the model blob store).</summary>
public sealed class ModelRecordStore(DbConnectionFactory connections, TimeProvider time)
{
    private const string Columns = "sha256, display_name, source, zoo_name, family, resolution, precision, size_bytes, params, macs, top1, probe_family, probe_comparison, probe_variant, probe_reference, probe_mac_residual";

    /// <summary>Inserts the record unless a model with that hash is already known (uploads deduplicate).</summary>
    public async Task AddAsync(ModelView model, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO models ({Columns}, created_at_ms)
            VALUES (@Sha256, @DisplayName, @Source, @ZooName, @Family, @Resolution, @Precision, @SizeBytes, @Params, @Macs, @Top1, @ProbeFamily, @ProbeComparison, @ProbeVariant, @ProbeReference, @ProbeMacResidual, @now)
            ON CONFLICT DO NOTHING;
            """, new
        {
            model.Sha256, model.DisplayName, model.Source, model.ZooName, model.Family, model.Resolution, model.Precision,
            model.SizeBytes, model.Params, model.Macs, model.Top1, ProbeFamily = model.Probe?.Family, ProbeComparison = model.Probe?.Comparison,
            ProbeVariant = model.Probe?.Variant, ProbeReference = model.Probe?.Reference, ProbeMacResidual = model.Probe?.MacResidual, now = time.GetUtcNow().ToUnixTimeMilliseconds(),
        }, cancellationToken: cancellationToken));
    }

    public async Task<ModelView?> GetAsync(string sha256, CancellationToken cancellationToken = default) =>
        (await QueryAsync("WHERE sha256 = @sha256", new { sha256 }, cancellationToken)).SingleOrDefault();

    public async Task<ModelView?> FindBuiltInAsync(string zooName, int resolution, string precision, CancellationToken cancellationToken = default) =>
        (await QueryAsync("WHERE source = 'builtin' AND zoo_name = @zooName AND resolution = @resolution AND precision = @precision",
            new { zooName, resolution, precision }, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<ModelView>> ListAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("ORDER BY source, display_name, resolution", new { }, cancellationToken);

    private async Task<IReadOnlyList<ModelView>> QueryAsync(string tail, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ModelRow>(new CommandDefinition($"SELECT {Columns} FROM models {tail};", parameters,
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ModelView(r.Sha256, r.DisplayName, r.Source, r.ZooName, r.Family, (int)r.Resolution, r.Precision,
            r.SizeBytes, r.Params, r.Macs, r.Top1)
        {
            Probe = r.ProbeFamily is null ? null : new ProbeFacts(r.ProbeFamily, r.ProbeComparison ?? "", r.ProbeVariant ?? "", r.ProbeReference ?? "", r.ProbeMacResidual ?? 0),
        })];
    }

    private sealed class ModelRow
    {
        public string Sha256 { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Source { get; set; } = "";
        public string? ZooName { get; set; }
        public string? Family { get; set; }
        public long Resolution { get; set; }
        public string Precision { get; set; } = "";
        public long SizeBytes { get; set; }
        public long Params { get; set; }
        public long Macs { get; set; }
        public double? Top1 { get; set; }
        public string? ProbeFamily { get; set; }
        public string? ProbeComparison { get; set; }
        public string? ProbeVariant { get; set; }
        public string? ProbeReference { get; set; }
        public double? ProbeMacResidual { get; set; }
    }
}
