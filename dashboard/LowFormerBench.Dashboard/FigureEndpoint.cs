using LowFormerBench.Core.Figures;
using LowFormerBench.Dashboard.ViewModels;
using Microsoft.AspNetCore.Http;

namespace LowFormerBench.Dashboard;

/// <summary>
/// GET /figures/{name}.svg: the key plots drawn on the server, for what has no live circuit (a README, a CI
/// summary, a wiki page, <c>curl</c>): speed-accuracy, throughput-accuracy, macs-latency, and speedup-matrix
/// (<c>?reference=model</c>, and the Results page's filter fields).
/// </summary>
internal static class FigureEndpoint
{
    public static readonly IReadOnlyList<string> Names = ["speed-accuracy", "throughput-accuracy", "macs-latency", "speedup-matrix"];

    public static async Task<IResult> HandleAsync(string name, HttpContext context, PlotsViewModel plots, ResultsViewModel results)
    {
        var cancellationToken = context.RequestAborted;
        string svg;
        if (name == "speedup-matrix")
        {
            await results.LoadAsync(cancellationToken);
            await results.ApplyAsync(ResultFilter.FromQuery(key => context.Request.Query[key].FirstOrDefault()), cancellationToken);
            results.ChooseReference(context.Request.Query["reference"].FirstOrDefault() is { Length: > 0 } reference ? reference : null);
            svg = SvgMatrix.Render(PlotFigures.Matrix(results.Matrix, results.MatrixScope));
        }
        else if (Names.Contains(name))
        {
            await plots.LoadAsync(cancellationToken);
            svg = SvgScatter.Render(name switch
            {
                "speed-accuracy" => PlotFigures.SpeedAccuracy(plots),
                "throughput-accuracy" => PlotFigures.ThroughputAccuracy(plots),
                _ => PlotFigures.MacsLatency(plots),
            });
        }
        else
        {
            return Results.NotFound($"no figure '{name}': choose one of {string.Join(", ", Names)}");
        }

        return Results.Text(svg, "image/svg+xml; charset=utf-8");
    }
}
