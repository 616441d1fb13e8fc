using LowFormerBench.Core.Jobs;

namespace LowFormerBench.Core.Suites;

/// <summary>A suite's model resolved to a stored file for one resolution and precision.</summary>
public delegate string ModelFileResolver(SuiteModel model, int resolution, Precision precision);

/// <summary>A suite's probe entry resolved to its probes' stored files for one precision.</summary>
public delegate IReadOnlyList<ResolvedProbe> ProbeFileResolver(SuiteProbe probe, Precision precision);

/// <summary>One probe as a stored model: its name in results, its file, its input resolution.</summary>
public sealed record ResolvedProbe(string DisplayName, string ModelSha256, int Resolution);

/// <summary>
/// Expands a suite into jobs: models × devices × scenarios × batch sizes × resolutions × precisions × providers; a
/// batch_sweep gives the throughput scenario one job per sweep batch (<see cref="Suite.BatchSizesFor"/>).
/// </summary>
public static class SuiteExpander
{
    /// <summary>How many jobs <see cref="Expand"/> would make, without making them, and the product that gives it.</summary>
    public static (long Jobs, string Product) Count(Suite suite)
    {
        long batches = suite.Scenarios.Sum(scenario => (long)suite.BatchSizesFor(scenario).Count);
        var jobs = suite.Models.Count * (long)suite.Resolutions.Count * suite.Precisions.Count * suite.Devices.Count * batches * suite.Providers.Count;
        return (jobs, $"{suite.Models.Count} models x {suite.Resolutions.Count} resolutions x {suite.Precisions.Count} precisions x " +
                      $"{suite.Devices.Count} device selectors x {batches} scenario batch sizes x {suite.Providers.Count} providers");
    }

    public static IReadOnlyList<JobSpec> Expand(Suite suite, ModelFileResolver resolveModel, ProbeFileResolver? resolveProbes = null)
    {
        var jobs = new List<JobSpec>();
        if (suite.Probes.Count > 0)
        {
            var resolver = resolveProbes ?? throw new InvalidOperationException("the suite has probes and no probe resolver was given");
            AddProbes(jobs, suite, resolver);
        }

        foreach (var model in suite.Models)
        {
            foreach (var resolution in suite.Resolutions)
            {
                foreach (var precision in suite.Precisions)
                {
                    var sha256 = resolveModel(model, resolution, precision);
                    foreach (var device in suite.Devices)
                    {
                        foreach (var scenario in suite.Scenarios)
                        {
                            foreach (var batch in suite.BatchSizesFor(scenario))
                            {
                                foreach (var provider in suite.Providers)
                                {
                                    jobs.Add(new JobSpec(sha256, model.DisplayName, scenario, batch, resolution, precision, provider,
                                        suite.ProviderOptions, device, suite.Budget, suite.Profile));
                                }
                            }
                        }
                    }
                }
            }
        }

        return jobs;
    }

    // Probes expand like models × batches, each at its own resolution; one probe named by two entries runs once.
    private static void AddProbes(List<JobSpec> jobs, Suite suite, ProbeFileResolver resolveProbes)
    {
        foreach (var precision in suite.Precisions)
        {
            var probes = suite.Probes.SelectMany(p => resolveProbes(p, precision)).DistinctBy(p => p.DisplayName);
            foreach (var probe in probes)
            {
                foreach (var device in suite.Devices)
                {
                    foreach (var scenario in suite.Scenarios)
                    {
                        foreach (var batch in suite.BatchSizesFor(scenario))
                        {
                            foreach (var provider in suite.Providers)
                            {
                                jobs.Add(new JobSpec(probe.ModelSha256, probe.DisplayName, scenario, batch, probe.Resolution, precision, provider,
                                    suite.ProviderOptions, device, suite.Budget, suite.Profile));
                            }
                        }
                    }
                }
            }
        }
    }
}
