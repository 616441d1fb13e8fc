using LowFormerBench.Core.Figures;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plotly.Blazor;

namespace LowFormerBench.Dashboard.Components.Plots;

/// <summary>
/// A Plotly chart with PNG and SVG download buttons, and, for a <see cref="Figure"/>, the server's SVG of it shown
/// until the live chart has drawn. Both buttons call plotly.js's own <c>Plotly.downloadImage</c> (the copy the
/// coordinator serves, so a farm without internet can export figures); Plotly.Blazor's wrapper of it offers no SVG.
/// </summary>
public sealed partial class PlotPanel
{
    private static readonly Config DefaultConfig = new() { Responsive = true, DisplayLogo = false };

    private string? _staticSvg;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    /// <summary>The chart's element id; a <see cref="Figure"/> brings its own.</summary>
    [Parameter]
    public string Id { get; set; } = "";

    /// <summary>What to draw: traces, layout and the server's SVG all come from it. Without one, <see cref="Layout"/> and <see cref="Data"/> are drawn as given.</summary>
    [Parameter]
    public Figure? Figure { get; set; }

    [Parameter]
    public Plotly.Blazor.Layout Layout { get; set; } = new();

    [Parameter]
    public IList<ITrace> Data { get; set; } = [];

    [Parameter]
    public Config Config { get; set; } = DefaultConfig;

    private string StatusText => RendererInfo.IsInteractive
        ? "Drawing the interactive chart (hover for details); meanwhile the server's rendering of the same data:"
        : "The server's rendering; the interactive chart (hover, zoom, PNG/SVG download) appears when the page has connected.";

    protected override void OnParametersSet()
    {
        if (Figure is { } figure)
        {
            Id = figure.Id;
            Layout = PlotlyFigure.Layout(figure);
            Data = PlotlyFigure.Traces(figure);
            _staticSvg = SvgScatter.Render(figure);
        }
    }

    // A fixed size: the page's width varies, a figure for a paper should not.
    private async Task DownloadAsync(string format) =>
        await JS.InvokeVoidAsync("Plotly.downloadImage", Id, new { format, width = 1000, height = PlotlyFigure.Height, filename = $"lowformerbench-{Id}" });
}
