using Dapper;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>What paired runs read: a baseline's measured rows to pair with, and the reference samples paired jobs took.</summary>
public sealed partial class ResultQueries
{
    /// <summary>
    /// A paired job's reference samples (the baseline's model, measured interleaved with the job's own), by job id; only
    /// jobs of the campaign that were paired and reported them.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, PairedReferenceSamples>> ReferenceSamplesByJobAsync(long campaignId,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long JobId, string Sha256, byte[] Blob)>(new CommandDefinition("""
            SELECT p.job_id, p.model_sha256, p.samples_ms
            FROM paired_references p JOIN jobs j ON j.id = p.job_id
            WHERE j.campaign_id = @campaignId;
            """, new { campaignId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.JobId, r => new PairedReferenceSamples(r.Sha256, SampleBlob.Decode(r.Blob)));
    }

    /// <summary>
    /// The jobs of a campaign that have an accepted result, with the configuration a paired job is matched on (the agent
    /// is not part of it: a paired job measures the reference on whichever device it lands on).
    /// </summary>
    public async Task<IReadOnlyList<MeasuredJob>> MeasuredJobsAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MeasuredJob>(new CommandDefinition("""
            SELECT j.id AS JobId, j.model_sha256 AS ModelSha256, j.model_display_name AS ModelDisplayName, j.scenario AS Scenario,
                   j.batch AS Batch, j.resolution AS Resolution, j.precision AS Precision, j.provider AS Provider
            FROM results r JOIN jobs j ON j.id = r.job_id
            WHERE j.campaign_id = @campaignId
            ORDER BY j.id;
            """, new { campaignId }, cancellationToken: cancellationToken));
        return [.. rows];
    }
}

/// <summary>The reference side of a paired job: the baseline's model it measured and that model's samples (ms, in order).</summary>
public sealed record PairedReferenceSamples(string ModelSha256, IReadOnlyList<double> SamplesMs);

/// <summary>A job with an accepted result: its model and configuration (as stored on the job).</summary>
public sealed record MeasuredJob(long JobId, string ModelSha256, string ModelDisplayName, string Scenario, long Batch, long Resolution, string Precision,
    string Provider);
