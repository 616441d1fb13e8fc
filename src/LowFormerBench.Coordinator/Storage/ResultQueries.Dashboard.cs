using Dapper;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Regression;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>
/// The dashboard's reads over many results: filtering, counting, paging and "newest per configuration" happen in
/// SQLite, so a page costs one page of rows and a plot one row per configuration, however many results are stored.
/// Counts, filter choices, plots and history lists read <c>result_configurations</c> (one row per configuration,
/// kept by a trigger); only a page of rows reads the results themselves.
/// </summary>
public sealed partial class ResultQueries
{
    public async Task<ResultPage> PageAsync(ResultPageRequest request, CancellationToken cancellationToken = default)
    {
        var criteria = Where(request.Criteria, Jobs);
        var needsJoins = criteria.Length > 0 || request.Sort is ResultSort.Model or ResultSort.Agent or ResultSort.Scenario;
        // Canaries are the farm's own measurements, not users' results (the configurations' trigger leaves them out too).
        // The few canary job ids become one lookup set, so this needs no join per row.
        var where = (criteria.Length > 0 ? criteria + " AND " : "WHERE ") + NotCanary;
        // Job order is the jobs' rowid order when jobs are joined (the planner then walks jobs and stops after a page)
        // and the results' job_id index otherwise. Other orders break ties by the rowid their index already holds.
        string[] terms = request.Sort switch
        {
            ResultSort.Model => ["j.model_display_name", "r.id"],
            ResultSort.Agent => ["COALESCE(a.name, r.agent_id)", "r.id"],
            ResultSort.Scenario => ["j.scenario", "r.id"],
            ResultSort.P50 => ["r.p50_ms", "r.id"],
            ResultSort.P99 => ["r.p99_ms", "r.id"],
            ResultSort.Throughput => ["r.throughput_ips", "r.id"],
            _ => [needsJoins ? "j.id" : "r.job_id"],
        };
        var direction = request.Descending ? "DESC" : "ASC";
        var order = string.Join(", ", terms.Select(term => $"{term} {direction}"));
        var parameters = Parameters(request.Criteria);
        parameters.Add("skip", Math.Max(0, request.Skip));
        parameters.Add("take", Math.Clamp(request.Take, 0, 10_000));
        await using var connection = await connections.OpenAsync(cancellationToken);
        // Every criterion is a configuration field, so the count sums the configurations' counts.
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COALESCE(SUM(c.results), 0) {FromConfigurations} {Where(request.Criteria, Configurations)};", parameters,
            cancellationToken: cancellationToken));
        // The page's ids first, joining jobs and agents only when the criteria or the order need them: a page deep in
        // the p50 order then walks the p50 index alone, and only the page's rows are joined for their columns.
        var joins = needsJoins ? "JOIN jobs j ON j.id = r.job_id LEFT JOIN agents a ON a.id = r.agent_id" : "";
        var rows = await connection.QueryAsync<ResultRow>(new CommandDefinition($"""
            WITH page AS (
                SELECT r.id
                FROM results r {joins}
                {where}
                ORDER BY {order}
                LIMIT @take OFFSET @skip)
            SELECT {Columns}
            FROM page
            JOIN results r ON r.id = page.id
            JOIN jobs j ON j.id = r.job_id
            JOIN models m ON m.sha256 = j.model_sha256
            LEFT JOIN agents a ON a.id = r.agent_id
            ORDER BY {order};
            """, parameters, cancellationToken: cancellationToken));
        return new ResultPage([.. rows.Select(r => r.ToView())], (int)count);
    }

    public async Task<ResultFacets> FacetsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // The configurations are few (not one per result); each list is drawn from them.
        var combinations = (await connection.QueryAsync<(string Model, string Agent, string Scenario, string Provider, string Precision, long Resolution,
            long Count)>(new CommandDefinition($"""
            SELECT c.model_display_name, COALESCE(a.name, c.agent_id), c.scenario, c.provider, c.precision, c.resolution, c.results
            {FromConfigurations};
            """, cancellationToken: cancellationToken))).ToList();
        return new ResultFacets(
            Distinct(combinations.Select(c => c.Model)), Distinct(combinations.Select(c => c.Agent)), Distinct(combinations.Select(c => c.Scenario)),
            Distinct(combinations.Select(c => c.Provider)), Distinct(combinations.Select(c => c.Precision)),
            [.. combinations.Select(c => (int)c.Resolution).Distinct().Order()], (int)combinations.Sum(c => c.Count));
    }

    public async Task<IReadOnlyList<ResultView>> LatestAsync(ResultCriteria criteria, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ResultRow>(new CommandDefinition($"""
            WITH latest AS (
                SELECT c.latest_job_id AS job_id
                {FromConfigurations}
                {Where(criteria, Configurations)})
            SELECT {Columns}
            FROM latest
            JOIN results r ON r.job_id = latest.job_id
            JOIN jobs j ON j.id = r.job_id
            JOIN models m ON m.sha256 = j.model_sha256
            LEFT JOIN agents a ON a.id = r.agent_id
            ORDER BY r.job_id;
            """, Parameters(criteria), cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToView())];
    }

    public async Task<IReadOnlyList<RowKey>> HistoryKeysAsync(string? agent, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Model, string Agent, string Scenario, long Batch, long Resolution, string Precision, string Provider)>(
            new CommandDefinition($"""
                SELECT c.model_display_name, COALESCE(a.name, c.agent_id) AS agent, c.scenario, c.batch, c.resolution, c.precision, c.provider
                {FromConfigurations}
                WHERE @agent IS NULL OR COALESCE(a.name, c.agent_id) = @agent
                GROUP BY 1, 2, 3, 4, 5, 6, 7
                HAVING MIN(c.first_campaign_id) < MAX(c.last_campaign_id)
                ORDER BY 1, 2, 3, 4, 5, 6, 7;
                """, new { agent }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new RowKey(r.Model, r.Agent, r.Scenario, (int)r.Batch, (int)r.Resolution, r.Precision, r.Provider))];
    }

    private const string NotCanary =
        "r.job_id NOT IN (SELECT cj.id FROM jobs cj JOIN campaigns cc ON cc.id = cj.campaign_id WHERE cc.kind = 'canary')";

    // Kept up to date by a trigger on results (migration 0006, canaries left out); agents are joined for their names.
    private const string FromConfigurations = "FROM result_configurations c LEFT JOIN agents a ON a.id = c.agent_id";

    private static readonly (string Table, string Agent) Jobs = ("j", "COALESCE(a.name, r.agent_id)");

    private static readonly (string Table, string Agent) Configurations = ("c", "COALESCE(a.name, c.agent_id)");

    /// <summary>The criteria over the job-shaped columns of <paramref name="source"/>: jobs joined to results, or configurations.</summary>
    private static string Where(ResultCriteria c, (string Table, string Agent) source)
    {
        var t = source.Table;
        (object? Value, string Condition)[] filters =
        [
            (c.Model, $"{t}.model_display_name = @Model"),
            (c.Agent, $"{source.Agent} = @Agent"),
            (c.Scenario, $"{t}.scenario = @Scenario"),
            (c.Provider, $"{t}.provider = @Provider"),
            (c.Precision, $"{t}.precision = @Precision"),
            (c.Resolution, $"{t}.resolution = @Resolution"),
            (c.Batch, $"{t}.batch = @Batch"),
        ];
        var conditions = filters.Where(f => f.Value is not null).Select(f => f.Condition).ToList();
        return conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
    }

    private static DynamicParameters Parameters(ResultCriteria c)
    {
        var parameters = new DynamicParameters();
        parameters.Add("Model", c.Model);
        parameters.Add("Agent", c.Agent);
        parameters.Add("Scenario", c.Scenario);
        parameters.Add("Provider", c.Provider);
        parameters.Add("Precision", c.Precision);
        parameters.Add("Resolution", c.Resolution);
        parameters.Add("Batch", c.Batch);
        return parameters;
    }

    private static List<string> Distinct(IEnumerable<string> values) => [.. values.Distinct().Order(StringComparer.Ordinal)];
}
