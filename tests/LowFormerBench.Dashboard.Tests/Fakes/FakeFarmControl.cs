using LowFormerBench.Core.Queries;
using LowFormerBench.Core.Suites;

namespace LowFormerBench.Dashboard.Tests.Fakes;

/// <summary>Parses suites with the real parser (so errors are the real located ones) and records what it was asked.</summary>
public sealed class FakeFarmControl : IFarmControl
{
    public List<string> Submitted { get; } = [];

    public List<long> Cancelled { get; } = [];

    public long MaxModelBytes { get; set; } = 1 << 20;

    public List<string> Uploaded { get; } = [];

    public Task<CampaignView> SubmitSuiteAsync(string suiteYaml, string sourceName, CancellationToken cancellationToken)
    {
        var suite = SuiteParser.Parse(suiteYaml, sourceName);
        Submitted.Add(suiteYaml);
        return Task.FromResult(Sample.Campaign(Submitted.Count, suite.Name, total: suite.Models.Count, succeeded: 0));
    }

    /// <summary>Counts the file as the coordinator does (the real ONNX loader and counter), so a bad file fails as it would there.</summary>
    public async Task<ModelView> UploadModelAsync(string displayName, Stream content, CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(path))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            var count = LowFormerBench.ModelZoo.Counting.OnnxModelCounter.Count(LowFormerBench.ModelZoo.Counting.OnnxModelFile.Load(path), new());
            Uploaded.Add(displayName);
            return new ModelView("0123456789abcdef", displayName, "upload", null, null, 0, "fp32", new FileInfo(path).Length, count.Parameters, count.Macs, null);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public Task CancelCampaignAsync(long campaignId, CancellationToken cancellationToken)
    {
        Cancelled.Add(campaignId);
        return Task.CompletedTask;
    }
}
