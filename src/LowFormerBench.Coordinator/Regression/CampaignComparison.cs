using System.Globalization;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Campaigns;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Regression;

namespace LowFormerBench.Coordinator.Regression;

/// <summary>
/// Compares a campaign with its baseline on the coordinator, where the raw samples are: resolves the baseline reference,
/// reads both campaigns' samples and hands them to the pure <see cref="RegressionComparer"/>. Used by the Control API
/// (<c>lfb ci</c>) and, in-process, by the dashboard.
/// </summary>
public sealed class CampaignComparison(CampaignStore campaigns, ResultQueries results)
{
    public const string DefaultMainBranch = "main";

    public async Task<(RegressionReport Report, string BaselineReason)> CompareAsync(long campaignId, string baselineReference, string? mainBranch,
        RegressionOptions options, CancellationToken cancellationToken)
    {
        var candidate = await campaigns.GetAsync(campaignId, cancellationToken)
            ?? throw new BaselineNotFoundException($"no campaign {campaignId}");
        if (!candidate.IsFinished)
        {
            throw new InvalidOperationException($"campaign {campaignId} is still running; compare it once it has finished");
        }

        var branch = mainBranch ?? DefaultMainBranch;
        // A paired run compares its unpaired rows with the baseline its jobs were paired with, even if main moved on since.
        if (baselineReference.Length == 0 && candidate.Metadata.TryGetValue(CampaignMetadata.PairedBaseline, out var pairedWith))
        {
            baselineReference = pairedWith;
        }

        var (baseline, reason) = await ResolveBaselineAsync(candidate, baselineReference, branch, cancellationToken);
        var history = await HistoryAsync(candidate, baseline, branch, cancellationToken);
        var report = RegressionComparer.Compare(candidate.Id, await RowsAsync(candidate.Id, cancellationToken), baseline.Id,
            await RowsAsync(baseline.Id, cancellationToken), options, RunToRunNoise.Estimate(history), RunToRunNoise.Levels(history), cancellationToken);
        return (report with { HistoryCampaigns = history.Count >= RunToRunNoise.MinimumCampaigns ? history.Count : 0 }, reason);
    }

    /// <summary>A campaign id, else a tag, else (empty) the latest succeeded campaign of the same suite on the main branch.</summary>
    public Task<(CampaignView Baseline, string Reason)> ResolveBaselineAsync(CampaignView candidate, string reference, string mainBranch,
        CancellationToken cancellationToken) =>
        ResolveBaselineAsync(candidate.Name, candidate.Id, reference, mainBranch, cancellationToken);

    /// <param name="suiteName">The candidate's suite.</param>
    /// <param name="candidateId">The candidate campaign, left out of the search; null before it exists (a paired run resolves its baseline at submission).</param>
    public async Task<(CampaignView Baseline, string Reason)> ResolveBaselineAsync(string suiteName, long? candidateId, string reference, string mainBranch,
        CancellationToken cancellationToken)
    {
        if (long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            var byId = await campaigns.GetAsync(id, cancellationToken) ?? throw new BaselineNotFoundException($"baseline campaign {id} does not exist");
            return (byId, $"campaign {id}, as asked");
        }

        var filter = reference.Length > 0
            ? new CampaignFilter(Tag: reference, State: CampaignState.Succeeded, ExcludeCampaignId: candidateId)
            : new CampaignFilter(suiteName, new Dictionary<string, string> { [CampaignMetadata.Branch] = mainBranch }, State: CampaignState.Succeeded,
                ExcludeCampaignId: candidateId);
        var found = (await campaigns.ListAsync(filter, 1, cancellationToken)).SingleOrDefault();
        var wanted = reference.Length > 0
            ? $"the latest succeeded campaign tagged '{reference}'"
            : $"the latest succeeded campaign of suite '{suiteName}' on branch '{mainBranch}'";
        return found is null
            ? throw new BaselineNotFoundException($"no baseline: there is no {wanted[4..]}" + (candidateId is { } id2 ? $" (other than campaign {id2})" : ""))
            : (found, $"{wanted}: campaign {found.Id}");
    }

    /// <summary>
    /// The latest succeeded campaigns of the suite on the main branch up to the baseline: the same code line, run again
    /// and again, so the spread of their medians is the farm's run-to-run noise. Seven, as crank's regression bot takes
    /// the standard deviation of the last 7 results.
    /// </summary>
    private async Task<List<IReadOnlyList<MeasuredRow>>> HistoryAsync(CampaignView candidate, CampaignView baseline, string mainBranch,
        CancellationToken cancellationToken)
    {
        var filter = new CampaignFilter(candidate.Name, new Dictionary<string, string> { [CampaignMetadata.Branch] = mainBranch },
            State: CampaignState.Succeeded, ExcludeCampaignId: candidate.Id);
        var history = new List<IReadOnlyList<MeasuredRow>>();
        foreach (var campaign in (await campaigns.ListAsync(filter, 50, cancellationToken)).Where(c => c.Id <= baseline.Id).Take(HistoryDepth))
        {
            history.Add(await RowsAsync(campaign.Id, cancellationToken));
        }

        return history;
    }

    private const int HistoryDepth = 7;

    private async Task<IReadOnlyList<MeasuredRow>> RowsAsync(long campaignId, CancellationToken cancellationToken)
    {
        var samples = await results.SamplesByJobAsync(campaignId, cancellationToken);
        var references = await results.ReferenceSamplesByJobAsync(campaignId, cancellationToken);
        var rows = await results.ListAsync(campaignId, null, cancellationToken);
        return [.. rows.Select(r => new MeasuredRow(new RowKey(r.Model, r.Agent, r.Scenario, r.Batch, r.Resolution, r.Precision, r.Provider),
            r.EnvironmentFingerprint, samples.GetValueOrDefault(r.JobId) ?? [], references.GetValueOrDefault(r.JobId)?.SamplesMs))];
    }
}
