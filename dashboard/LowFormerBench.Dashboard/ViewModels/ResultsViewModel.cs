using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Queries;

namespace LowFormerBench.Dashboard.ViewModels;

/// <summary>
/// The Results page. The database does the work: the filter's choices come from one grouped query, the grid asks for
/// one sorted page at a time (<see cref="FetchAsync"/>), and the matrix reads only the newest latency result per
/// configuration, so the page costs the same with a hundred results or a hundred thousand.
/// </summary>
public sealed class ResultsViewModel(IDashboardQueries queries)
{
    private ResultFacets _facets = ResultFacets.Empty;

    public ResultFilter Filter { get; private set; } = new();

    /// <summary>The grid's current page.</summary>
    public IReadOnlyList<ResultView> Rows { get; private set; } = [];

    /// <summary>How many results match the filter (all pages).</summary>
    public int MatchingCount { get; private set; }

    public IReadOnlyList<string> Models => _facets.Models;

    public IReadOnlyList<string> Agents => _facets.Agents;

    public IReadOnlyList<string> Scenarios => _facets.Scenarios;

    public IReadOnlyList<string> Providers => _facets.Providers;

    public IReadOnlyList<string> Precisions => _facets.Precisions;

    public IReadOnlyList<int> Resolutions => _facets.Resolutions;

    public int TotalCount => _facets.TotalCount;

    /// <summary>The model the matrix's speed-ups are against; null shows latencies only.</summary>
    public string? Reference { get; private set; }

    public SpeedupMatrix Matrix { get; private set; } = SpeedupMatrix.Build([], null);

    private IReadOnlyList<ResultView> _matrixResults = [];

    public string CsvHref => "results.csv" + Filter.ToQueryString();

    /// <summary>What the matrix shows: the newest latency result at batch 1 per configuration, and at which resolutions and campaigns.</summary>
    public string MatrixScope
    {
        get
        {
            if (_matrixResults.Count == 0)
            {
                return "No latency results at batch 1 match the filter.";
            }

            var resolutions = string.Join(", ", _matrixResults.Select(r => r.Resolution).Distinct().Order().Select(r => r > 0 ? $"{r} px" : "file's input"));
            var campaigns = string.Join(", ", _matrixResults.Select(r => r.CampaignId).Distinct().Order().Select(c => "#" + c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var newest = _matrixResults.Max(r => r.CreatedAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            return $"Newest result per model and agent at {resolutions}; from campaign {campaigns} (newest {newest} UTC).";
        }
    }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        _facets = await queries.ResultFacetsAsync(cancellationToken);
        await ApplyAsync(Filter, cancellationToken);
    }

    /// <summary>Sets the filter and rebuilds the matrix; the grid then fetches its first page.</summary>
    public async Task ApplyAsync(ResultFilter filter, CancellationToken cancellationToken)
    {
        Filter = filter;
        var latency = Scenario.Latency.ToWire();
        // The matrix compares latency at batch 1: a filter on another scenario leaves it empty.
        _matrixResults = filter.Scenario is null || filter.Scenario == latency
            ? await queries.LatestResultsAsync(filter.ToCriteria() with { Scenario = latency, Batch = 1 }, cancellationToken)
            : [];
        Matrix = SpeedupMatrix.Build(_matrixResults, Reference);
        // Counted here as well as by each page, so the count is right on the page's first render.
        MatchingCount = (await queries.QueryResultsAsync(new ResultPageRequest(filter.ToCriteria(), Take: 0), cancellationToken)).MatchingCount;
    }

    /// <summary>One page of the filtered results in the grid's order.</summary>
    public async Task<ResultPage> FetchAsync(int skip, int take, ResultSort sort, bool descending, CancellationToken cancellationToken)
    {
        var page = await queries.QueryResultsAsync(new ResultPageRequest(Filter.ToCriteria(), sort, descending, skip, take), cancellationToken);
        Rows = page.Rows;
        MatchingCount = page.MatchingCount;
        return page;
    }

    public void ChooseReference(string? model)
    {
        Reference = model;
        Matrix = SpeedupMatrix.Build(_matrixResults, model);
    }
}
