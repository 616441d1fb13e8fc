using LowFormerBench.Coordinator.Models;
using LowFormerBench.Coordinator.Regression;
using LowFormerBench.Coordinator.Scheduling;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Campaigns;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Suites;
using LowFormerBench.ModelZoo;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator.Campaigns;

/// <summary>
/// Turns a suite into a queued campaign: validate, resolve every model to a stored file, expand, store the
/// campaign with its jobs in one transaction, hand the jobs to the dispatcher.
/// </summary>
public sealed class CampaignSubmitter(
    ModelLibrary library,
    CampaignStore campaigns,
    Dispatcher dispatcher,
    CampaignComparison comparison,
    ResultQueries results,
    IOptions<CoordinatorOptions> options,
    ILogger<CampaignSubmitter> logger)
{
    /// <param name="paired">A paired run: each job whose configuration the baseline measured also measures the baseline's model.</param>
    /// <exception cref="BaselineNotFoundException">A paired run whose named baseline (an id or a tag) is no campaign.</exception>
    public async Task<CampaignView> SubmitAsync(string suiteYaml, string suitePath, IReadOnlyDictionary<string, string> uploadedFiles,
        IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken, PairedSubmission? paired = null)
    {
        var suite = SuiteParser.Parse(suiteYaml, string.IsNullOrEmpty(suitePath) ? "suite" : suitePath);
        var files = await ResolveModelsAsync(suite, uploadedFiles, cancellationToken);
        IReadOnlyList<JobSpec> specs = SuiteExpander.Expand(suite, (model, resolution, precision) => files[(model.DisplayName, resolution, precision)]);
        if (paired is not null)
        {
            (specs, metadata) = await PairAsync(suite.Name, specs, metadata, paired, cancellationToken);
        }

        var (campaignId, jobs) = await campaigns.CreateAsync(suite.Name, suiteYaml, metadata, specs, options.Value.MaxAttempts, cancellationToken);
        CoordinatorLog.CampaignSubmitted(logger, campaignId, suite.Name, jobs.Count);
        await dispatcher.AddJobsAsync(jobs, cancellationToken);
        return (await campaigns.GetAsync(campaignId, cancellationToken))!;
    }

    // Row keys without the agent: a paired job measures the reference on whatever device it is given, so which agent ran
    // the baseline does not matter, only that the baseline measured this model name the same way.
    private async Task<(IReadOnlyList<JobSpec>, IReadOnlyDictionary<string, string>)> PairAsync(string suiteName, IReadOnlyList<JobSpec> specs,
        IReadOnlyDictionary<string, string> metadata, PairedSubmission paired, CancellationToken cancellationToken)
    {
        CampaignView baseline;
        try
        {
            (baseline, _) = await comparison.ResolveBaselineAsync(suiteName, null, paired.Baseline,
                string.IsNullOrEmpty(paired.MainBranch) ? CampaignComparison.DefaultMainBranch : paired.MainBranch, cancellationToken);
        }
        catch (BaselineNotFoundException) when (paired.Baseline.Length == 0)
        {
            // The first run of a suite: nothing to pair with, so it runs unpaired (without the paired_baseline mark) and can
            // become the baseline. A baseline that was named but does not exist is the caller's mistake and is refused.
            return (specs, metadata);
        }

        var measured = new Dictionary<(string, string, long, long, string, string), MeasuredJob>();
        foreach (var job in await results.MeasuredJobsAsync(baseline.Id, cancellationToken))
        {
            // A model the coordinator no longer holds cannot be sent to an agent; that row stays unpaired.
            if (await library.GetAsync(job.ModelSha256, cancellationToken) is not null)
            {
                measured.TryAdd((job.ModelDisplayName, job.Scenario, job.Batch, job.Resolution, job.Precision, job.Provider), job);
            }
        }

        var pairedSpecs = specs.Select(spec =>
            measured.TryGetValue((spec.ModelDisplayName, spec.Scenario.ToWire(), spec.Batch, spec.Resolution, spec.Precision.ToWire(), spec.Provider), out var job)
                ? spec with { Reference = new PairedReference(job.ModelSha256, job.JobId, baseline.Id) }
                : spec).ToList();
        var withBaseline = new Dictionary<string, string>(metadata)
        {
            [CampaignMetadata.PairedBaseline] = baseline.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return (pairedSpecs, withBaseline);
    }

    private async Task<Dictionary<(string, int, Precision), string>> ResolveModelsAsync(Suite suite,
        IReadOnlyDictionary<string, string> uploadedFiles, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var files = new Dictionary<(string, int, Precision), string>();
        foreach (var model in suite.Models)
        {
            if (model.BuiltIn is { } zooName && !Zoo.Names.Contains(zooName, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{model.Location}: unknown built-in model '{zooName}'; built-in models: {string.Join(", ", Zoo.Names)}");
                continue;
            }

            string? uploaded = null;
            if (model.File is { } file)
            {
                if (!uploadedFiles.TryGetValue(file, out uploaded) || await library.GetAsync(uploaded, cancellationToken) is null)
                {
                    errors.Add($"{model.Location}: the file '{file}' of model '{model.DisplayName}' was not uploaded to the coordinator; " +
                               "submit suites with 'lfb submit', which uploads the files they name");
                    continue;
                }
            }

            foreach (var resolution in suite.Resolutions)
            {
                foreach (var precision in suite.Precisions)
                {
                    files[(model.DisplayName, resolution, precision)] = uploaded
                        ?? (await library.EnsureBuiltInAsync(model.BuiltIn!, resolution, precision, cancellationToken)).Sha256;
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new SuiteValidationException(errors);
        }

        return files;
    }
}

/// <summary>How a paired run finds its baseline: as <c>lfb ci --baseline</c> (a campaign id, a tag, or empty for the latest of the main branch).</summary>
public sealed record PairedSubmission(string Baseline, string? MainBranch);
