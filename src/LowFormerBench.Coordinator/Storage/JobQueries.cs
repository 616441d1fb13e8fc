using Dapper;
using LowFormerBench.Core.Queries;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>Jobs of a campaign as lists show them.</summary>
public sealed class JobQueries(DbConnectionFactory connections)
{
    public async Task<IReadOnlyList<JobView>> ListAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<JobViewRow>(new CommandDefinition("""
            SELECT j.id, j.campaign_id, j.model_display_name AS model, j.scenario, j.batch, j.resolution, j.precision, j.provider,
                   j.state, j.attempts, a.name AS agent, j.error, j.phase
            FROM jobs j LEFT JOIN agents a ON a.id = j.agent_id
            WHERE j.campaign_id = @campaignId ORDER BY j.id;
            """, new { campaignId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new JobView(r.Id, r.CampaignId, r.Model, r.Scenario, (int)r.Batch, (int)r.Resolution, r.Precision,
            r.Provider, r.State, (int)r.Attempts, r.Agent, r.Error, r.Phase))];
    }

    private sealed class JobViewRow
    {
        public long Id { get; set; }
        public long CampaignId { get; set; }
        public string Model { get; set; } = "";
        public string Scenario { get; set; } = "";
        public long Batch { get; set; }
        public long Resolution { get; set; }
        public string Precision { get; set; } = "";
        public string Provider { get; set; } = "";
        public string State { get; set; } = "";
        public long Attempts { get; set; }
        public string? Agent { get; set; }
        public string? Error { get; set; }
        public string? Phase { get; set; }
    }
}
