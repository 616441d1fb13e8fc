using System.Globalization;
using LowFormerBench.Core.Regression;
using LowFormerBench.Dashboard.ViewModels;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace LowFormerBench.Dashboard.Components.Pages;

/// <summary>The paper's plots from the view model's series; this file only maps series to Plotly traces.</summary>
public sealed partial class Plots
{
    // Plotly's default palette, so an agent's points, its front and its MACs points share one colour.
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];
    private Plotly.Blazor.Layout _speedAccuracyLayout = new();
    private Plotly.Blazor.Layout _throughputLayout = new();
    private Plotly.Blazor.Layout _macsLatencyLayout = new();
    private Plotly.Blazor.Layout _resolutionLayout = new();
    private Plotly.Blazor.Layout _historyLayout = new();
    private IList<ITrace> _speedAccuracy = [];
    private IList<ITrace> _throughputAccuracy = [];
    private IList<ITrace> _macsLatency = [];
    private IList<ITrace> _resolution = [];
    private IList<ITrace> _history = [];

    [Inject]
    private PlotsViewModel Model { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        await Model.LoadAsync(CancellationToken.None);
        _speedAccuracyLayout = Layout("median latency, batch 1 (ms, log)", "top-1 accuracy (%)", logX: true);
        _throughputLayout = Layout("throughput, best batch (images/s, log)", "top-1 accuracy (%)", logX: true);
        _macsLatencyLayout = Layout("MACs (G)", "median latency, batch 1 (ms)", logX: false);
        _resolutionLayout = Layout("input resolution (px)", "median latency, batch 1 (ms)", logX: false);
        _historyLayout = Layout("campaign", "median latency (ms)", logX: false);
        _historyLayout.XAxis[0].Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category;
        _speedAccuracy = [];
        _throughputAccuracy = [];
        _macsLatency = [];
        for (var i = 0; i < Model.Series.Count; i++)
        {
            var series = Model.Series[i];
            var color = Palette[i % Palette.Length];
            _speedAccuracy.Add(Points(series.Agent, series.WithTop1, p => p.LatencyMs, p => p.Top1!.Value, p => p.Label, ModeFlag.Markers, color));
            _speedAccuracy.Add(Points($"{series.Agent} Pareto front", series.Front, p => p.LatencyMs, p => p.Top1!.Value, p => p.Label,
                ModeFlag.Lines | ModeFlag.Markers, color));
            _macsLatency.Add(Points(series.Agent, series.Points, p => p.GigaMacs, p => p.LatencyMs, p => p.Label, ModeFlag.Markers, color));
        }

        for (var i = 0; i < Model.Throughput.Count; i++)
        {
            var series = Model.Throughput[i];
            var color = Palette[i % Palette.Length];
            _throughputAccuracy.Add(Points(series.Agent, series.WithTop1, p => p.ImagesPerSecond, p => p.Top1!.Value, p => p.Label, ModeFlag.Markers, color));
            _throughputAccuracy.Add(Points($"{series.Agent} Pareto front", series.Front, p => p.ImagesPerSecond, p => p.Top1!.Value, p => p.Label,
                ModeFlag.Lines | ModeFlag.Markers, color));
        }

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
        _resolution = [.. Model.ResolutionLines.Select((line, i) => (ITrace)Points(line.Name, line.Points, p => p.Resolution, p => p.LatencyMs,
            p => $"{line.Name} {p.Resolution}px", ModeFlag.Lines | ModeFlag.Markers, Palette[i % Palette.Length]))];
        _history = [];
        if (Model.History is { } history)
        {
            _history.Add(Points(history.Key.ToString(), history.Points, p => Campaign(p.CampaignId), p => p.MedianMs,
                p => $"campaign {p.CampaignId}, {p.At:yyyy-MM-dd HH:mm}", ModeFlag.Lines | ModeFlag.Markers, Palette[0]));
            // A change marks the first campaign of the new level: red where it got slower, green where faster.
            foreach (var (slower, name, color) in new[] { (true, "slower (regression)", "#d62728"), (false, "faster", "#2ca02c") })
            {
                var changes = history.Changes.Where(c => c.Change > 0 == slower).ToList();
                if (changes.Count > 0)
                {
                    var scatter = Points(name, changes, c => Campaign(c.CampaignId), c => c.AfterMedianMs, c => $"campaign {c.CampaignId}: {ChangeText(c)}",
                        ModeFlag.Markers, color);
                    scatter.Marker = new Marker { Color = color, Size = 16, Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.X };
                    _history.Add(scatter);
                }
            }
        }
    }

    private static string Campaign(long id) => "#" + id.ToString(CultureInfo.InvariantCulture);

    private static string ChangeText(ChangePoint change) =>
        $"{change.BeforeMedianMs.ToString("0.000", CultureInfo.InvariantCulture)} → {change.AfterMedianMs.ToString("0.000", CultureInfo.InvariantCulture)} ms "
        + $"({(change.Change >= 0 ? "+" : "")}{(change.Change * 100).ToString("0.0", CultureInfo.InvariantCulture)} %)";

    private static Scatter Points<T>(string name, IEnumerable<T> points, Func<T, object> x, Func<T, double> y, Func<T, string> label, ModeFlag mode,
        string color)
    {
        var list = points.ToList();
        return new Scatter
        {
            Name = name,
            Mode = mode,
            Marker = new Marker { Color = color, Size = 9 },
            Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = color },
            X = [.. list.Select(x)],
            Y = [.. list.Select(p => (object)y(p))],
            TextArray = [.. list.Select(label)],
            HoverTemplate = "%{text}<br>x=%{x}<br>y=%{y}<extra></extra>",
        };
    }

    private static Plotly.Blazor.Layout Layout(string xTitle, string yTitle, bool logX) => new()
    {
        Height = 480,
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle }, Type = logX ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle } }],
    };
}
