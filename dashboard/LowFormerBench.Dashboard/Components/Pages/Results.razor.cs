using LowFormerBench.Core.Queries;
using LowFormerBench.Dashboard.ViewModels;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.QuickGrid;

namespace LowFormerBench.Dashboard.Components.Pages;

/// <summary>Results with filters; the grid asks the database for one sorted page at a time, never for every result.</summary>
public sealed partial class Results
{
    private readonly PaginationState _pagination = new() { ItemsPerPage = 50 };
    private QuickGrid<ResultView>? _grid;
    private GridItemsProvider<ResultView> _provider = null!;

    [Inject]
    private ResultsViewModel Model { get; set; } = null!;

    private string MatrixQuery => Model.Reference is { } reference
        ? (Model.Filter.ToQueryString() is { Length: > 0 } q ? q + "&" : "?") + "reference=" + Uri.EscapeDataString(reference)
        : Model.Filter.ToQueryString();

    private IReadOnlyList<string> ResolutionChoices =>
        [.. Model.Resolutions.Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    protected override Task OnInitializedAsync()
    {
        // One delegate for the page's life: a new one on each render would make the grid fetch again.
        _provider = ProvideAsync;
        return Model.LoadAsync(CancellationToken.None);
    }

    private async ValueTask<GridItemsProviderResult<ResultView>> ProvideAsync(GridItemsProviderRequest<ResultView> request)
    {
        var sorted = request.GetSortByProperties().FirstOrDefault();
        var page = await Model.FetchAsync(request.StartIndex, request.Count ?? _pagination.ItemsPerPage, SortOf(sorted.PropertyName),
            sorted.PropertyName is not null && sorted.Direction == SortDirection.Descending, request.CancellationToken);
        return GridItemsProviderResult.From<ResultView>([.. page.Rows], page.MatchingCount);
    }

    // The grid names a column by its property path (e.g. "Summary.P50Ms"); the store takes only known sorts.
    private static ResultSort SortOf(string? property) => property?.Split('.')[^1] switch
    {
        nameof(ResultView.Model) => ResultSort.Model,
        nameof(ResultView.Agent) => ResultSort.Agent,
        nameof(ResultView.Scenario) => ResultSort.Scenario,
        "P50Ms" => ResultSort.P50,
        "P99Ms" => ResultSort.P99,
        "ThroughputIps" => ResultSort.Throughput,
        _ => ResultSort.JobId,
    };

    private async Task Apply(ResultFilter filter)
    {
        await Model.ApplyAsync(filter, CancellationToken.None);
        await _pagination.SetCurrentPageIndexAsync(0);
        if (_grid is not null)
        {
            await _grid.RefreshDataAsync();
        }
    }
}
