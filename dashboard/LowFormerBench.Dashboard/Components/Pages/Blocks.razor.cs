using LowFormerBench.Core.Probes;
using LowFormerBench.Dashboard.ViewModels;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace LowFormerBench.Dashboard.Components.Pages;

/// <summary>Maps the view model's panels to Plotly bar charts: references and variants as two traces so the legend names them.</summary>
public sealed partial class Blocks
{
    [Inject]
    private BlocksViewModel Model { get; set; } = null!;

    protected override Task OnInitializedAsync() => Model.LoadAsync(CancellationToken.None);

    private void ChooseFamily(string? family) => Model.Choose(family);

    private static IList<ITrace> Traces(DevicePanel panel) =>
    [
        Bars("reference", panel, panel.Rows.Where(r => r.IsReference), "#333333"),
        Bars("variant", panel, panel.Rows.Where(r => !r.IsReference), "#1f77b4"),
    ];

    private static Bar Bars(string name, DevicePanel panel, IEnumerable<ProbeRow> rows, string color)
    {
        var list = rows.ToList();
        return new Bar
        {
            Name = name,
            X = [.. list.Select(DevicePanel.Label)],
            Y = [.. list.Select(r => (object)Math.Round(panel.ValueOf(r), 4))],
            TextArray = [.. list.Select(r => r.RatioToReference is { } ratio ? $"x{ratio:0.00}" : "")],
            Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = color },
        };
    }

    private static Plotly.Blazor.Layout Layout(DevicePanel panel) => new()
    {
        Height = 420,
        BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Overlay,
        XAxis = [new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category, CategoryOrder = Plotly.Blazor.LayoutLib.XAxisLib.CategoryOrderEnum.Array,
            CategoryArray = [.. panel.Rows.Select(DevicePanel.Label)] }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = panel.PerGmac ? "ms per GMAC (median, batch 1)" : "median ms (batch 1)" } }],
    };
}
