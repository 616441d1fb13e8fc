using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Suites;

namespace LowFormerBench.Dashboard.ViewModels;

/// <summary>The Campaigns page: the list with progress, and submitting a pasted or uploaded suite with every located error shown.</summary>
public sealed class CampaignsViewModel(IDashboardQueries queries, IFarmControl control)
{
    public const int ListLimit = 100;

    public const string ExampleSuite = """
        name: quick-from-dashboard
        models: [lowformer-b0, mobilenetv2-1.0]
        scenarios: [latency]
        batch_sizes: {latency: [1]}
        resolutions: [224]
        precisions: [fp32]
        providers: [cpu]
        """;

    public IReadOnlyList<CampaignView> Campaigns { get; private set; } = [];

    public string SuiteYaml { get; set; } = ExampleSuite;

    public IReadOnlyList<string> SubmitErrors { get; private set; } = [];

    public string? SubmitMessage { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken) => Campaigns = await queries.ListCampaignsAsync(ListLimit, cancellationToken);

    /// <summary>The largest suite file the page reads: suites are a few hundred bytes; anything this big is another file.</summary>
    public const long MaxSuiteFileBytes = 1 << 20;

    /// <returns>The new campaign, or null when the suite was refused (see <see cref="SubmitErrors"/>).</returns>
    public Task<CampaignView?> SubmitAsync(DashboardAccess access, CancellationToken cancellationToken) =>
        SubmitAsync(access, "pasted suite", cancellationToken);

    /// <summary>
    /// Submits an uploaded suite file: its text replaces the pasted one (so it can be corrected and submitted again)
    /// and its name locates the errors.
    /// </summary>
    public async Task<CampaignView?> SubmitFileAsync(DashboardAccess access, string fileName, long size, Func<long, Stream> open,
        CancellationToken cancellationToken)
    {
        SubmitMessage = null;
        if (size > MaxSuiteFileBytes)
        {
            SubmitErrors = [$"{fileName} is {size} bytes; a suite file is at most {MaxSuiteFileBytes} bytes. Is it the suite's YAML file?"];
            return null;
        }

        using (var reader = new StreamReader(open(MaxSuiteFileBytes)))
        {
            SuiteYaml = await reader.ReadToEndAsync(cancellationToken);
        }

        return await SubmitAsync(access, fileName, cancellationToken);
    }

    private async Task<CampaignView?> SubmitAsync(DashboardAccess access, string sourceName, CancellationToken cancellationToken)
    {
        SubmitMessage = null;
        SubmitErrors = [];
        if (!access.CanMutate)
        {
            SubmitErrors = [DashboardAccess.RefusedMessage];
            return null;
        }

        try
        {
            var campaign = await control.SubmitSuiteAsync(SuiteYaml, sourceName, cancellationToken);
            SubmitMessage = $"campaign {campaign.Id} '{campaign.Name}' queued with {campaign.TotalJobs} jobs";
            await LoadAsync(cancellationToken);
            return campaign;
        }
        catch (SuiteValidationException e)
        {
            SubmitErrors = e.Errors;
            return null;
        }
    }

    public static int ProgressPercent(CampaignView c) => c.TotalJobs == 0
        ? 100
        : (int)Math.Round(100.0 * (c.SucceededJobs + c.FailedJobs + c.CancelledJobs) / c.TotalJobs, MidpointRounding.ToZero);

    /// <summary>Jobs run (succeeded or failed) over all jobs, rounded down: cancelled jobs were not run.</summary>
    public static int RunPercent(CampaignView c) => c.TotalJobs == 0
        ? 0
        : (int)Math.Round(100.0 * (c.SucceededJobs + c.FailedJobs) / c.TotalJobs, MidpointRounding.ToZero);

    /// <summary>"3 of 12 jobs run (25%) · 9 cancelled".</summary>
    public static string ProgressText(CampaignView c)
    {
        var text = $"{c.SucceededJobs + c.FailedJobs} of {c.TotalJobs} jobs run ({RunPercent(c)}%)";
        return c.CancelledJobs > 0 ? $"{text} · {c.CancelledJobs} cancelled" : text;
    }

    public static string BadgeClass(string state) => state switch
    {
        "succeeded" => "bg-success",
        "failed" => "bg-danger",
        "cancelled" => "bg-secondary",
        _ => "bg-primary",
    };
}
