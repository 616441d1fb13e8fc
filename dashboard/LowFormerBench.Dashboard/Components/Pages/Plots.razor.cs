using System.Globalization;
using LowFormerBench.Core.Figures;
using LowFormerBench.Dashboard.ViewModels;
using Microsoft.AspNetCore.Components;

namespace LowFormerBench.Dashboard.Components.Pages;

/// <summary>The paper's plots: the view model's series as <see cref="Figure"/>s (<see cref="PlotFigures"/>), each drawn by a <c>PlotPanel</c>.</summary>
public sealed partial class Plots
{
    private Figure? _speedAccuracy;
    private Figure? _throughputAccuracy;
    private Figure? _macsLatency;
    private Figure? _resolution;
    private Figure? _history;

    [Inject]
    private PlotsViewModel Model { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        await Model.LoadAsync(CancellationToken.None);
        _speedAccuracy = PlotFigures.SpeedAccuracy(Model);
        _throughputAccuracy = PlotFigures.ThroughputAccuracy(Model);
        _macsLatency = PlotFigures.MacsLatency(Model);
        ShowAgentPlots();
    }

    private async Task ChooseAgentAsync(string? agent)
    {
        await Model.ChooseAgentAsync(agent, CancellationToken.None);
        ShowAgentPlots();
    }

    private async Task ChooseHistoryAsync(ChangeEventArgs e)
    {
        await Model.ChooseHistoryAsync(int.TryParse(e.Value as string, CultureInfo.InvariantCulture, out var index) ? index : -1, CancellationToken.None);
        ShowAgentPlots();
    }

    private void ShowAgentPlots()
    {
        _resolution = PlotFigures.Resolution(Model);
        _history = Model.History is { } history ? PlotFigures.History(history) : null;
    }

    private static string Correlation(AgentSeries series) =>
        (series.MacsLatencyR is { } r ? "Pearson r = " + r.ToString("0.000", CultureInfo.InvariantCulture) : "Pearson r = n/a (fewer than 3 configurations)")
        + " over " + ConfigurationLabel.Count(series.Points.Select(p => p.Result));
}
