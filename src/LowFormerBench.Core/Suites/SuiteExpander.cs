using LowFormerBench.Core.Jobs;

namespace LowFormerBench.Core.Suites;

/// <summary>A suite's model resolved to a stored file for one resolution and precision.</summary>
public delegate string ModelFileResolver(SuiteModel model, int resolution, Precision precision);

/// <summary>
/// Expands a suite into jobs: models × devices × scenarios × batch sizes × resolutions × precisions × providers; a
/// batch_sweep gives the throughput scenario one job per sweep batch (<see cref="Suite.BatchSizesFor"/>).
/// </summary>
public static class SuiteExpander
{
    public static IReadOnlyList<JobSpec> Expand(Suite suite, ModelFileResolver resolveModel)
    {
        var jobs = new List<JobSpec>();
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
}
