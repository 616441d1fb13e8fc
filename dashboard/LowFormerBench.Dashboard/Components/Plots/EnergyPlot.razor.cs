using LowFormerBench.Dashboard.ViewModels;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace LowFormerBench.Dashboard.Components.Plots;

/// <summary>Scatter of <see cref="EnergyViewModel"/>'s points, one trace per agent; this file only maps them to Plotly.</summary>
public sealed partial class EnergyPlot
{
    private readonly Plotly.Blazor.Layout _layout = new()
    {
        Height = 420,
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "median latency per inference (ms)" }, Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "images per joule" } }],
    };

    private IList<ITrace> _points = [];

    [Inject]
    private EnergyViewModel Model { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        await Model.LoadAsync(CancellationToken.None);
        _points =
        [
            .. Model.Series.Select(series => (ITrace)new Scatter
            {
                Name = series.Key,
                Mode = ModeFlag.Markers,
                X = [.. series.Select(p => (object)p.LatencyMs)],
                Y = [.. series.Select(p => (object)Math.Round(p.ImagesPerJoule, 3))],
                TextArray = [.. series.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Label} · {p.MeanPowerW:0} W"))],
            }),
        ];
    }
}
