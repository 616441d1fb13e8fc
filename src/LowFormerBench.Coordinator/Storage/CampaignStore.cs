using Dapper;
using LowFormerBench.Core.Campaigns;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Queries;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>Campaigns and their jobs: created together in one transaction, so a campaign never exists half-expanded.</summary>
public sealed class CampaignStore(SqliteConnectionFactory connections, TimeProvider time)
{
    public async Task<(long CampaignId, IReadOnlyList<Job> Jobs)> CreateAsync(string name, string suiteYaml,
        IReadOnlyDictionary<string, string> metadata, IReadOnlyList<JobSpec> specs, int maxAttempts, CancellationToken cancellationToken = default, string kind = CampaignKinds.User)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var campaignId = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO campaigns (name, suite_yaml, state, created_at_ms, metadata_json, kind)
            VALUES (@name, @suiteYaml, @state, @now, @metadata, @kind) RETURNING id;
            """, new { name, suiteYaml, state = CampaignState.Running, now, metadata = StorageJson.Write(metadata), kind }, transaction, cancellationToken: cancellationToken));
        var jobs = new List<Job>(specs.Count);
        foreach (var spec in specs)
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO jobs (campaign_id, spec_json, model_sha256, model_display_name, scenario, batch, resolution, precision,
                                  provider, state, attempts, max_attempts, updated_at_ms)
                VALUES (@campaignId, @specJson, @ModelSha256, @ModelDisplayName, @Scenario, @Batch, @Resolution, @Precision,
                        @Provider, 'queued', 0, @maxAttempts, @now) RETURNING id;
                """, new
            {
                campaignId, specJson = StorageJson.Write(spec), spec.ModelSha256, spec.ModelDisplayName, Scenario = spec.Scenario.ToWire(),
                spec.Batch, spec.Resolution, Precision = spec.Precision.ToWire(), spec.Provider, maxAttempts, now,
            }, transaction, cancellationToken: cancellationToken));
            jobs.Add(new Job(id, campaignId, spec, maxAttempts));
        }

        await transaction.CommitAsync(cancellationToken);
        return (campaignId, jobs);
    }

    /// <summary>Recomputes a campaign's state from its jobs and stamps its finish time once.</summary>
    public async Task<CampaignView?> RefreshAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        var view = await GetAsync(campaignId, cancellationToken);
        if (view is null)
        {
            return null;
        }

        var state = CampaignState.From(view.QueuedJobs, view.RunningJobs, view.SucceededJobs, view.FailedJobs, view.CancelledJobs);
        if (state == view.State)
        {
            return view;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE campaigns SET state = @state, finished_at_ms = CASE WHEN @finished THEN @now ELSE NULL END WHERE id = @campaignId;",
            new { state, finished = state != CampaignState.Running, now = time.GetUtcNow().ToUnixTimeMilliseconds(), campaignId },
            cancellationToken: cancellationToken));
        return await GetAsync(campaignId, cancellationToken);
    }

    public async Task<CampaignView?> GetAsync(long campaignId, CancellationToken cancellationToken = default) =>
        (await QueryAsync("WHERE c.id = @campaignId", "", new { campaignId }, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<CampaignView>> ListAsync(int limit, CancellationToken cancellationToken = default) =>
        ListAsync(CampaignFilter.All, limit, cancellationToken);

    /// <summary>Campaigns matching the filter, newest first; how a CI run finds its baseline.</summary>
    public Task<IReadOnlyList<CampaignView>> ListAsync(CampaignFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        var conditions = new List<string> { "c.kind = @Kind" };
        var parameters = new DynamicParameters(new { limit, filter.Name, filter.Tag, filter.State, filter.ExcludeCampaignId, filter.Kind });
        conditions.AddRange(filter.Name is null ? [] : ["c.name = @Name"]);
        conditions.AddRange(filter.State is null ? [] : ["c.state = @State"]);
        conditions.AddRange(filter.ExcludeCampaignId is null ? [] : ["c.id <> @ExcludeCampaignId"]);
        // Tags are stored comma-separated; instr (not LIKE) so '%' or '_' in a tag match only themselves.
        conditions.AddRange(filter.Tag is null ? [] : ["instr(',' || COALESCE(json_extract(c.metadata_json, '$.tags'), '') || ',', ',' || @Tag || ',') > 0"]);
        var index = 0;
        foreach (var (key, value) in filter.Metadata ?? new Dictionary<string, string>())
        {
            // The key goes in as a parameter too: a JSON path with the key quoted, so any key text is safe.
            parameters.Add($"path{index}", $"$.\"{key.Replace("\"", "\\\"")}\"");
            parameters.Add($"value{index}", value);
            conditions.Add($"json_extract(c.metadata_json, @path{index}) = @value{index}");
            index++;
        }

        var where = "WHERE " + string.Join(" AND ", conditions);
        return QueryAsync(where, "ORDER BY c.id DESC LIMIT @limit", parameters, cancellationToken);
    }

    /// <summary>Ids of the campaigns of this kind still running.</summary>
    public async Task<IReadOnlyList<long>> RunningIdsAsync(string kind, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM campaigns WHERE kind = @kind AND state = @state;", new { kind, state = CampaignState.Running },
            cancellationToken: cancellationToken))];
    }

    /// <summary>The suite text a campaign was submitted with (to rerun or compare it).</summary>
    public async Task<string?> SuiteOfAsync(long campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT suite_yaml FROM campaigns WHERE id = @campaignId;", new { campaignId }, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<CampaignView>> QueryAsync(string where, string tail, object parameters, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT c.id, c.name, c.state, c.created_at_ms, c.finished_at_ms, c.metadata_json,
                   COUNT(j.id) AS total,
                   SUM(j.state = 'queued') AS queued,
                   SUM(j.state IN ('leased', 'running')) AS running,
                   SUM(j.state = 'succeeded') AS succeeded,
                   SUM(j.state = 'failed') AS failed,
                   SUM(j.state = 'cancelled') AS cancelled
            FROM campaigns c LEFT JOIN jobs j ON j.campaign_id = c.id
            {where}
            GROUP BY c.id {tail};
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CampaignRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToView())];
    }

    private sealed class CampaignRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string State { get; set; } = "";
        public long CreatedAtMs { get; set; }
        public long? FinishedAtMs { get; set; }
        public string MetadataJson { get; set; } = "{}";
        public long Total { get; set; }
        public long? Queued { get; set; }
        public long? Running { get; set; }
        public long? Succeeded { get; set; }
        public long? Failed { get; set; }
        public long? Cancelled { get; set; }

        public CampaignView ToView() => new(Id, Name, State, (int)Total, (int)(Queued ?? 0), (int)(Running ?? 0), (int)(Succeeded ?? 0),
            (int)(Failed ?? 0), (int)(Cancelled ?? 0), DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs),
            FinishedAtMs is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null,
            StorageJson.Read<Dictionary<string, string>>(MetadataJson));
    }
}
