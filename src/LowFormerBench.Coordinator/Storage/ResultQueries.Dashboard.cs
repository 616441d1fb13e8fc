using Dapper;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Regression;

namespace LowFormerBench.Coordinator.Storage;

/// <summary>
/// The dashboard's reads over many results: filtering, counting, paging and "newest per configuration" happen in
/// SQLite, so a page costs one page of rows and a plot one row per configuration, however many results are stored.
/// </summary>
public sealed partial class ResultQueries
{
    public async Task<ResultPage> PageAsync(ResultPageRequest request, CancellationToken cancellationToken = default)
    {
        var where = Where(request.Criteria);
        var order = request.Sort switch
        {
            ResultSort.Model => "j.model_display_name",
            ResultSort.Agent => "agent",
            ResultSort.Scenario => "j.scenario",
            ResultSort.P50 => "r.p50_ms",
            ResultSort.P99 => "r.p99_ms",
            ResultSort.Throughput => "r.throughput_ips",
            _ => "r.job_id",
        };
        var direction = request.Descending ? "DESC" : "ASC";
        var parameters = Parameters(request.Criteria);
        parameters.Add("skip", Math.Max(0, request.Skip));
        parameters.Add("take", Math.Clamp(request.Take, 0, 10_000));
        await using var connection = await connections.OpenAsync(cancellationToken);
        // Agents are joined for the count only when the criteria name one: the plain count then reads one index.
        var countFrom = request.Criteria.Agent is null
            ? "FROM results r JOIN jobs j ON j.id = r.job_id"
            : "FROM results r JOIN jobs j ON j.id = r.job_id LEFT JOIN agents a ON a.id = r.agent_id";
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) {countFrom} {where};", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<ResultRow>(new CommandDefinition($"""
            SELECT {Columns}
            {From}
            {where}
            ORDER BY {order} {direction}, r.job_id {direction}
            LIMIT @take OFFSET @skip;
            """, parameters, cancellationToken: cancellationToken));
        return new ResultPage([.. rows.Select(r => r.ToView())], (int)count);
    }

    public async Task<ResultFacets> FacetsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // One pass: the distinct combinations are few (configurations, not results); each list is drawn from them.
        var combinations = (await connection.QueryAsync<(string Model, string Agent, string Scenario, string Provider, string Precision, long Resolution,
            long Count)>(new CommandDefinition("""
            SELECT j.model_display_name, COALESCE(a.name, r.agent_id), j.scenario, j.provider, j.precision, j.resolution, COUNT(*)
            FROM results r
            JOIN jobs j ON j.id = r.job_id
            LEFT JOIN agents a ON a.id = r.agent_id
            GROUP BY 1, 2, 3, 4, 5, 6;
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
                SELECT MAX(r.job_id) AS job_id
                FROM results r
                JOIN jobs j ON j.id = r.job_id
                LEFT JOIN agents a ON a.id = r.agent_id
                {Where(criteria)}
                GROUP BY j.model_sha256, r.agent_id, j.scenario, j.batch, j.provider)
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
            new CommandDefinition("""
                SELECT j.model_display_name, COALESCE(a.name, r.agent_id) AS agent, j.scenario, j.batch, j.resolution, j.precision, j.provider
                FROM results r
                JOIN jobs j ON j.id = r.job_id
                LEFT JOIN agents a ON a.id = r.agent_id
                WHERE @agent IS NULL OR COALESCE(a.name, r.agent_id) = @agent
                GROUP BY 1, 2, 3, 4, 5, 6, 7
                HAVING COUNT(DISTINCT j.campaign_id) >= 2
                ORDER BY 1, 2, 3, 4, 5, 6, 7;
                """, new { agent }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new RowKey(r.Model, r.Agent, r.Scenario, (int)r.Batch, (int)r.Resolution, r.Precision, r.Provider))];
    }

    private static string Where(ResultCriteria c)
    {
        var conditions = new List<string>();
        if (c.Model is not null)
        {
            conditions.Add("j.model_display_name = @Model");
        }

        if (c.Agent is not null)
        {
            conditions.Add("COALESCE(a.name, r.agent_id) = @Agent");
        }

        if (c.Scenario is not null)
        {
            conditions.Add("j.scenario = @Scenario");
        }

        if (c.Provider is not null)
        {
            conditions.Add("j.provider = @Provider");
        }

        if (c.Precision is not null)
        {
            conditions.Add("j.precision = @Precision");
        }

        if (c.Resolution is not null)
        {
            conditions.Add("j.resolution = @Resolution");
        }

        if (c.Batch is not null)
        {
            conditions.Add("j.batch = @Batch");
        }

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
