using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Results;

namespace LowFormerBench.Dashboard.ViewModels;

/// <summary>
/// One campaign, its jobs and, where it sweeps throughput batches, the best batch per configuration; the page reloads
/// it on each change signal from the feed.
/// </summary>
public sealed class CampaignViewModel(IDashboardQueries queries, IFarmControl control)
{
    public CampaignView? Campaign { get; private set; }

    public IReadOnlyList<JobView> Jobs { get; private set; } = [];

    /// <summary>Best throughput batch per configuration; empty unless some configuration has more than one throughput batch.</summary>
    public IReadOnlyList<BestBatchRow> BestBatches { get; private set; } = [];

    public string? Error { get; private set; }

    public int ProgressPercent => Campaign is null ? 0 : CampaignsViewModel.ProgressPercent(Campaign);

    public bool CanCancel => Campaign is { IsFinished: false };

    public async Task LoadAsync(long campaignId, CancellationToken cancellationToken)
    {
        Campaign = await queries.GetCampaignAsync(campaignId, cancellationToken);
        Jobs = Campaign is null ? [] : await queries.ListJobsAsync(campaignId, cancellationToken);
        var throughput = Jobs.Where(j => j.Scenario == "throughput").ToList();
        // Results are read only for a sweep: most campaigns have one throughput batch and need no best-batch table.
        BestBatches = BestBatch.HasSweep(BestBatch.Select(throughput, []))
            ? BestBatch.Select(throughput, await queries.ListResultsAsync(campaignId, cancellationToken))
            : [];
    }

    public async Task CancelAsync(DashboardAccess access, CancellationToken cancellationToken)
    {
        Error = null;
        if (Campaign is null)
        {
            return;
        }

        if (!access.CanMutate)
        {
            Error = DashboardAccess.RefusedMessage;
            return;
        }

        await control.CancelCampaignAsync(Campaign.Id, cancellationToken);
        await LoadAsync(Campaign.Id, cancellationToken);
    }

    /// <summary>Images per second as the best-batch table shows them (one decimal, thousands separated).</summary>
    public static string Ips(double imagesPerSecond) => imagesPerSecond.ToString("N1", System.Globalization.CultureInfo.InvariantCulture);

    public static string JobBadgeClass(string state) => CampaignsViewModel.BadgeClass(state switch
    {
        "queued" or "leased" or "running" => "running",
        _ => state,
    });
}
