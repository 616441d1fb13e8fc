using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Results;
using LowFormerBench.ModelZoo;
using Microsoft.Extensions.DependencyInjection;

namespace LowFormerBench.Bench.Dashboard;

/// <summary>
/// A farm's long history written through the coordinator's own stores: campaigns of the zoo's models at five
/// resolutions on ten agents, latency at batch 1 and throughput at batch 32, each result with its samples. The
/// latencies follow MACs, resolution and the agent's speed with noise, and one model gets 12 % slower halfway
/// through on half the agents, so the history plot has a change to mark.
/// </summary>
internal static class ResultsSeed
{
    public static readonly int[] Resolutions = [160, 192, 224, 256, 288];

    public static readonly string[] Agents = [.. Enumerable.Range(0, 10).Select(i => $"agent-{i:D2}")];

    public static int JobsPerCampaign(int models) => models * Resolutions.Length * Agents.Length * 2;

    public static async Task WriteAsync(IServiceProvider services, int campaignCount, int modelCount, Action<int> progress)
    {
        var random = new Random(42);
        var zoo = Zoo.Names.Take(modelCount).Select(Zoo.Get).ToList();
        var modelStore = services.GetRequiredService<ModelRecordStore>();
        var models = new List<(ModelView Model, double BaseMs)>();
        foreach (var entry in zoo)
        {
            foreach (var resolution in Resolutions)
            {
                // MACs grow with the pixel count; the seed needs no built file, only the model's facts.
                var macs = (long)(1e9 * (0.3 + random.NextDouble()) * resolution * resolution / (224.0 * 224));
                var model = new ModelView($"seed-{entry.Card.Name}-{resolution}", entry.Card.Name, "builtin", entry.Card.Name, entry.Card.Family,
                    resolution, "fp32", 20_000_000, 5_000_000, macs, entry.Card.Top1?.Value);
                await modelStore.AddAsync(model);
                // Latency follows MACs only loosely (the paper's point): a per-model factor spreads it.
                models.Add((model, macs / 1e9 * 4 * (0.5 + random.NextDouble())));
            }
        }

        var agentStore = services.GetRequiredService<AgentStore>();
        var agents = new List<(string Id, double Factor)>();
        foreach (var (name, i) in Agents.Select((n, i) => (n, i)))
        {
            var registered = await agentStore.RegisterAsync(name, new DeviceCapabilities(i % 2 == 0 ? "x64" : "arm64", "linux", "seeded CPU", 4, 8L << 30,
                "1.31.1", ["CPUExecutionProvider"], "cpu", null, null, null, new Dictionary<string, string>(), "0.1.0", name));
            agents.Add((registered.Id, 1 + i * 1.5));
        }

        var campaigns = services.GetRequiredService<CampaignStore>();
        var results = services.GetRequiredService<ResultStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var written = 0;
        for (var c = 0; c < campaignCount; c++)
        {
            var plan = new List<(JobSpec Spec, int Model, int Agent)>();
            for (var m = 0; m < models.Count; m++)
            {
                for (var a = 0; a < agents.Count; a++)
                {
                    plan.Add((Spec(models[m].Model, Scenario.Latency, 1, a), m, a));
                    plan.Add((Spec(models[m].Model, Scenario.Throughput, 32, a), m, a));
                }
            }

            var (campaignId, jobs) = await campaigns.CreateAsync($"nightly-{c:D3}", "name: nightly", new Dictionary<string, string> { ["branch"] = "main" },
                [.. plan.Select(p => p.Spec)], 3);
            for (var j = 0; j < jobs.Count; j++)
            {
                var (spec, m, a) = plan[j];
                var regressed = m == 0 && a % 2 == 0 && c >= campaignCount / 2;
                var ms = models[m].BaseMs * agents[a].Factor * (regressed ? 1.12 : 1) * Math.Exp(0.02 * Gaussian(random));
                var job = jobs[j];
                job.Lease(agents[a].Id, time.GetUtcNow(), TimeSpan.FromSeconds(30));
                job.Succeed(1);
                await results.AcceptAsync(job, agents[a].Id, Report(job.Id, spec, ms, random));
                progress(++written);
            }

            await campaigns.RefreshAsync(campaignId);
        }
    }

    private static JobSpec Spec(ModelView model, Scenario scenario, int batch, int agent) => new(model.Sha256, model.DisplayName, scenario, batch,
        model.Resolution, Precision.Fp32, "CPUExecutionProvider", new Dictionary<string, string>(), new DeviceSelector(AgentName: Agents[agent]), MeasurementBudget.Default);

    private static MeasurementReport Report(long jobId, JobSpec spec, double ms, Random random)
    {
        var samples = Enumerable.Range(0, 100).Select(_ => ms * Math.Exp(0.03 * Gaussian(random))).ToArray();
        var sorted = samples.Order().ToArray();
        double At(double q) => sorted[(int)(q * (sorted.Length - 1))];
        var summary = new ReportedSummary(At(0.5), At(0.9), At(0.99), samples.Average(), 0.03 * ms, sorted[0], sorted[^1], At(0.4), At(0.6),
            samples.Length, spec.Batch * 1000 / At(0.5), 10, true, 0, 50, 3 * ms);
        return new MeasurementReport(jobId, 1, summary, samples,
            [new EnvironmentRecord("before", new Dictionary<string, string> { ["cpu.governor"] = "performance" }, false)],
            "seeded-env", $"{spec.Batch}x3x{spec.Resolution}x{spec.Resolution}", false, null);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
