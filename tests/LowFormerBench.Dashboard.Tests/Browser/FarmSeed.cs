using LowFormerBench.Coordinator.Models;
using LowFormerBench.Coordinator.Storage;
using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Results;
using LowFormerBench.ModelZoo;
using LowFormerBench.ModelZoo.Onnx;
using Microsoft.Extensions.DependencyInjection;

namespace LowFormerBench.Dashboard.Tests.Browser;

/// <summary>
/// A small farm's history written through the coordinator's own stores: two agents, four zoo models with their
/// published facts, one upload, a finished campaign with a result per model and agent, and a queued campaign.
/// </summary>
public static class FarmSeed
{
    public const string FinishedCampaign = "paper-subset";
    public const string QueuedCampaign = "waiting-for-agents";
    public static readonly string[] AgentNames = ["x64-box", "pi5"];

    // (name, params, MACs, published top-1, latency ms on x64-box); the Pi is ~12x slower. Params/MACs/top-1 as the papers report them.
    private static readonly (string Name, long Params, long Macs, double Top1, double Ms)[] Zoo =
    [
        ("lowformer-b0", 14_100_000, 944_000_000, 78.4, 4.1),
        ("efficientvit-b1", 9_100_000, 520_000_000, 79.4, 6.3),
        ("mobilenetv2-1.0", 3_500_000, 300_000_000, 72.0, 2.9),
        ("resnet18", 11_700_000, 1_814_000_000, 69.8, 5.2),
    ];

    public static async Task WriteAsync(IServiceProvider services)
    {
        await services.GetRequiredService<Migrator>().MigrateAsync();
        var time = services.GetRequiredService<TimeProvider>();
        var models = services.GetRequiredService<ModelRecordStore>();
        foreach (var m in Zoo)
        {
            await models.AddAsync(new ModelView("sha-" + m.Name, m.Name, "builtin", m.Name, m.Name.Split('-')[0], 224, "fp32", 4 * m.Params,
                m.Params, m.Macs, m.Top1));
        }

        await services.GetRequiredService<ModelLibrary>().AddUploadAsync("tiny-upload", WriteTinyModelAsync, CancellationToken.None);

        var agents = services.GetRequiredService<AgentStore>();
        var x64 = await agents.RegisterAsync(AgentNames[0], Capabilities("x64", "AMD EPYC 7B13"));
        var pi = await agents.RegisterAsync(AgentNames[1], Capabilities("arm64", "Cortex-A76"));

        var campaigns = services.GetRequiredService<CampaignStore>();
        var specs = Zoo.SelectMany(m => new[] { Spec("sha-" + m.Name, m.Name, "x64"), Spec("sha-" + m.Name, m.Name, "arm64") }).ToList();
        var (campaignId, jobs) = await campaigns.CreateAsync(FinishedCampaign, "name: paper-subset", new Dictionary<string, string>(), specs, 3);
        var results = services.GetRequiredService<ResultStore>();
        for (var i = 0; i < jobs.Count; i++)
        {
            var onPi = i % 2 == 1;
            var job = jobs[i];
            job.Lease(onPi ? pi.Id : x64.Id, time.GetUtcNow(), TimeSpan.FromSeconds(30));
            job.Succeed(1);
            // The first result (lowformer-b0 on x64-box) carries an operator profile for the time-share plot.
            await results.AcceptAsync(job, onPi ? pi.Id : x64.Id, Report(job.Id, Zoo[i / 2].Ms * (onPi ? 12 : 1), i == 0 ? ProfileJson : null));
        }

        await campaigns.RefreshAsync(campaignId);
        await campaigns.CreateAsync(QueuedCampaign, "name: waiting", new Dictionary<string, string>(), [Spec("sha-resnet18", "resnet18", "riscv64")], 3);
    }

    /// <summary>
    /// A throughput batch sweep of lowformer-b0 on x64-box, written through the same stores (not part of
    /// <see cref="WriteAsync"/>, so the other pages' counts stay as they are): batches 1, 8 and 64 measured at
    /// <see cref="SweepImagesPerSecond"/>, 256 failed out of memory, 512 still queued.
    /// </summary>
    /// <returns>The campaign's id.</returns>
    public static async Task<long> WriteSweepAsync(IServiceProvider services)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var x64 = (await services.GetRequiredService<AgentStore>().ListAsync()).Single(a => a.Name == AgentNames[0]);
        var specs = new[] { 1, 8, 64, 256, 512 }.Select(batch => Spec("sha-lowformer-b0", "lowformer-b0", "x64") with { Scenario = Scenario.Throughput, Batch = batch }).ToList();
        var campaigns = services.GetRequiredService<CampaignStore>();
        var (campaignId, jobs) = await campaigns.CreateAsync(SweepCampaign, "name: sweep", new Dictionary<string, string>(), specs, 3);
        var results = services.GetRequiredService<ResultStore>();
        foreach (var job in jobs.Where(j => SweepImagesPerSecond.ContainsKey(j.Spec.Batch)))
        {
            job.Lease(x64.Id, time.GetUtcNow(), TimeSpan.FromSeconds(30));
            job.Succeed(1);
            var ips = SweepImagesPerSecond[job.Spec.Batch];
            var p50 = 1000.0 * job.Spec.Batch / ips;
            await results.AcceptAsync(job, x64.Id, Report(job.Id, p50, null) with
            {
                Summary = new ReportedSummary(p50, p50, p50, p50, 0, p50, p50, p50, p50, 20, ips, 5, true, 0, 50, p50),
            });
        }

        var oom = jobs.Single(j => j.Spec.Batch == 256);
        oom.Lease(x64.Id, time.GetUtcNow(), TimeSpan.FromSeconds(30));
        oom.Fail(1, SweepOutOfMemory, permanent: true);
        await services.GetRequiredService<JobStore>().SaveAsync(oom);
        await campaigns.RefreshAsync(campaignId);
        return campaignId;
    }

    public const string SweepCampaign = "batch-sweep";
    public const string SweepOutOfMemory = "out of memory at batch 256: Failed to allocate memory for requested buffer (agent x64-box)";
    public static readonly IReadOnlyDictionary<int, double> SweepImagesPerSecond = new Dictionary<int, double> { [1] = 240, [8] = 910, [64] = 880 };

    private static JobSpec Spec(string sha, string name, string arch) => new(sha, name, Scenario.Latency, 1, 224, Core.Jobs.Precision.Fp32, "CPUExecutionProvider",
        new Dictionary<string, string>(), new DeviceSelector(Arch: arch), MeasurementBudget.Default);

    // Shares shaped like the paper's point (depthwise convolutions take more time than their MACs); seed data, not a claim.
    private static readonly string ProfileJson = OperatorProfileJson.Serialize(new OperatorProfile(10, "ORT_ENABLE_ALL", 4.0, 944_000_000, 944_000_000,
        [
            new OperatorShare("Conv", 40, 2.4, 0.6, 849_600_000, 0.9),
            new OperatorShare("Conv (depthwise)", 12, 1.2, 0.3, 47_200_000, 0.05),
            new OperatorShare("MatMul", 4, 0.4, 0.1, 47_200_000, 0.05),
        ], [], ["seeded for the dashboard tests"]));

    private static MeasurementReport Report(long jobId, double p50, string? profileJson) => new(jobId, 1,
        new ReportedSummary(p50, p50 * 1.05, p50 * 1.2, p50 * 1.01, p50 * 0.02, p50 * 0.95, p50 * 1.4, p50 * 0.99, p50 * 1.01, 200,
            1000 / p50, 20, true, 1, 50, p50 * 3),
        [p50, p50 * 1.01, p50 * 0.99], [new EnvironmentRecord("before", new Dictionary<string, string> { ["cpu.governor"] = "performance" }, false)],
        "env-1", "1x3x224x224", false, profileJson);

    private static DeviceCapabilities Capabilities(string arch, string cpu) => new(arch, "linux", cpu, 4, 8L << 30, "1.31.1",
        ["CPUExecutionProvider"], "cpu", null, null, null, new Dictionary<string, string>(), "0.1.0", arch + "-host");

    // A one-convolution model (input 1x3x32x32), as the farm bench uploads: real ONNX through the real upload check.
    private static Task WriteTinyModelAsync(Stream stream)
    {
        var builder = new GraphBuilder("tiny", new ModelBuildOptions(32));
        var image = builder.Input("image", 3, 32, 32);
        builder.Output(builder.Flatten(builder.GlobalAveragePool(builder.Activate(builder.Conv2d(image, 8, 3), Activation.Relu))), "logits");
        return Task.Run(() => Google.Protobuf.MessageExtensions.WriteTo(builder.Build([]), stream));
    }
}
