using LowFormerBench.Core.Queries;
using LowFormerBench.Dashboard.ViewModels;
using Microsoft.AspNetCore.Http;

namespace LowFormerBench.Dashboard;

/// <summary>GET /results.csv with the Results page's filter in the query string: the page's export link.</summary>
internal static class ResultsCsvEndpoint
{
    // Pages of rows, filtered by the database: a large export streams instead of holding every result at once.
    private const int PageSize = 5_000;

    public static async Task HandleAsync(HttpContext context, IDashboardQueries queries)
    {
        var criteria = ResultFilter.FromQuery(name => context.Request.Query[name].FirstOrDefault()).ToCriteria();
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"lowformerbench-results.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, leaveOpen: true);
        await ResultsCsv.WriteAsync(PagesAsync(queries, criteria, context.RequestAborted), writer, context.RequestAborted);
    }

    private static async IAsyncEnumerable<ResultView> PagesAsync(IDashboardQueries queries, ResultCriteria criteria,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var skip = 0; ; skip += PageSize)
        {
            var page = await queries.QueryResultsAsync(new ResultPageRequest(criteria, ResultSort.JobId, false, skip, PageSize), cancellationToken);
            foreach (var row in page.Rows)
            {
                yield return row;
            }

            if (page.Rows.Count < PageSize)
            {
                yield break;
            }
        }
    }
}
