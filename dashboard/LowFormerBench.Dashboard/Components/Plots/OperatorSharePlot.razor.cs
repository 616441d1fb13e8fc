using System.Globalization;
using LowFormerBench.Dashboard.ViewModels;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace LowFormerBench.Dashboard.Components.Plots;

/// <summary>Grouped bars from <see cref="OperatorSharesViewModel"/>; this file only maps shares to Plotly traces.</summary>
public sealed partial class OperatorSharePlot
{
    private readonly Plotly.Blazor.Layout _layout = new()
    {
        Height = 420,
        BarMode = BarModeEnum.Group,
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "share (%)" } }],
    };

    private IList<ITrace> _bars = [];

    [Inject]
    private OperatorSharesViewModel Model { get; set; } = null!;

    protected override async Task OnInitializedAsync() => await ShowAsync(null);

    private async Task SelectAsync(ChangeEventArgs e)
    {
        if (long.TryParse(e.Value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var jobId))
        {
            await ShowAsync(jobId);
        }
    }

    private async Task ShowAsync(long? jobId)
    {
        await Model.LoadAsync(jobId, CancellationToken.None);
        var bars = Model.Bars;
        object[] types = [.. bars.Select(b => (object)b.OpType)];
        _bars =
        [
            new Bar { Name = "time share", X = types, Y = [.. bars.Select(b => (object)Math.Round(b.TimeShare * 100, 2))], Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = "#d62728" } },
            new Bar { Name = "MAC share", X = types, Y = [.. bars.Select(b => (object)Math.Round(b.MacShare * 100, 2))], Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = "#1f77b4" } },
        ];
    }
}
