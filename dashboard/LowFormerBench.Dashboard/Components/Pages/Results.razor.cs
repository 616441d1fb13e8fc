using LowFormerBench.Core.Queries;
using LowFormerBench.Dashboard.ViewModels;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.QuickGrid;

namespace LowFormerBench.Dashboard.Components.Pages;

/// <summary>Results with filters; the grid asks the database for one sorted page at a time, never for every result.</summary>
/// <remarks>The filter and the matrix's reference live in the address, so a link shares a view and the back button goes back through them.</remarks>
public sealed partial class Results : IDisposable
{
    private readonly PaginationState _pagination = new() { ItemsPerPage = 50 };
    private QuickGrid<ResultView>? _grid;
    private GridItemsProvider<ResultView> _provider = null!;

    [Inject]
    private ResultsViewModel Model { get; set; } = null!;

    private string MatrixQuery => Address(Model.Filter, Model.Reference)["results".Length..];

    private IReadOnlyList<string> ResolutionChoices =>
        [.. Model.Resolutions.Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    [Inject]
    private NavigationManager Navigation { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        // One delegate for the page's life: a new one on each render would make the grid fetch again.
        _provider = ProvideAsync;
        await Model.LoadAsync(CancellationToken.None);
        await ShowAddressAsync();
        Navigation.LocationChanged += OnLocationChanged;
    }

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    private void OnLocationChanged(object? sender, Microsoft.AspNetCore.Components.Routing.LocationChangedEventArgs e) =>
        _ = InvokeAsync(async () =>
        {
            await ShowAddressAsync();
            if (_grid is not null)
            {
                await _grid.RefreshDataAsync();
            }

            StateHasChanged();
        });

    // The address's filter and reference, where they differ from what is shown (a link opened, back or forward).
    private async Task ShowAddressAsync()
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        string? Value(string key) => query.TryGetValue(key, out var v) ? v.FirstOrDefault() : null;
        var filter = ResultFilter.FromQuery(Value);
        if (filter != Model.Filter)
        {
            await Model.ApplyAsync(filter, CancellationToken.None);
            await _pagination.SetCurrentPageIndexAsync(0);
        }

        var reference = Value("reference") is { Length: > 0 } r ? r : null;
        if (reference != Model.Reference)
        {
            Model.ChooseReference(reference);
        }
    }

    private string Address(ResultFilter filter, string? reference)
    {
        var query = filter.ToQueryString();
        return "results" + (reference is null ? query : (query.Length > 0 ? query + "&" : "?") + "reference=" + Uri.EscapeDataString(reference));
    }

    private void ChooseReference(string? reference) => Navigation.NavigateTo(Address(Model.Filter, reference));

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

    // A new address; LocationChanged then shows it, as it does for back and forward.
    private void Apply(ResultFilter filter) => Navigation.NavigateTo(Address(filter, Model.Reference));
}
