using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plotly.Blazor;

namespace LowFormerBench.Dashboard.Components.Plots;

/// <summary>
/// A Plotly chart with PNG and SVG download buttons. Both call plotly.js's own <c>Plotly.downloadImage</c> (the
/// copy the coordinator serves, so a farm without internet can export figures); Plotly.Blazor's wrapper of it
/// offers no SVG.
/// </summary>
public sealed partial class PlotPanel
{
    private static readonly Config DefaultConfig = new() { Responsive = true, DisplayLogo = false };

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Parameter, EditorRequired]
    public string Id { get; set; } = "";

    [Parameter, EditorRequired]
    public Plotly.Blazor.Layout Layout { get; set; } = new();

    [Parameter, EditorRequired]
    public IList<ITrace> Data { get; set; } = [];

    [Parameter]
    public Config Config { get; set; } = DefaultConfig;

    // A fixed size: the page's width varies, a figure for a paper should not.
    private async Task DownloadAsync(string format) =>
        await JS.InvokeVoidAsync("Plotly.downloadImage", Id, new { format, width = 900, height = 480, filename = $"lowformerbench-{Id}" });
}
