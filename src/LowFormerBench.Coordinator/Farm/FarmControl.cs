using LowFormerBench.Coordinator.Campaigns;
using LowFormerBench.Coordinator.Models;
using LowFormerBench.Coordinator.Scheduling;
using LowFormerBench.Core.Queries;
using Microsoft.Extensions.Options;

namespace LowFormerBench.Coordinator.Farm;

/// <summary>The dashboard's submit, upload and cancel: the same submitter, model library and dispatcher calls the Control API makes.</summary>
public sealed class FarmControl(CampaignSubmitter submitter, Dispatcher dispatcher, ModelLibrary library, IOptions<CoordinatorOptions> options)
    : IFarmControl
{
    public long MaxModelBytes => options.Value.MaxModelBytes;

    // A pasted suite can only name built-in models: files are uploaded by 'lfb submit', which the submitter says.
    public Task<CampaignView> SubmitSuiteAsync(string suiteYaml, string sourceName, CancellationToken cancellationToken) =>
        submitter.SubmitAsync(suiteYaml, sourceName, new Dictionary<string, string>(),
            new Dictionary<string, string> { ["submitted_from"] = "dashboard" }, cancellationToken);

    public Task<ModelView> UploadModelAsync(string displayName, Stream content, CancellationToken cancellationToken)
    {
        var limit = MaxModelBytes;
        return library.AddUploadAsync(string.IsNullOrWhiteSpace(displayName) ? "upload" : displayName.Trim(), async stream =>
        {
            var buffer = new byte[81920];
            long received = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received += read;
                if (received > limit)
                {
                    throw new InvalidDataException($"the file passed the limit of {limit} bytes (Coordinator:MaxModelBytes)");
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }, cancellationToken);
    }

    public Task CancelCampaignAsync(long campaignId, CancellationToken cancellationToken) =>
        dispatcher.CancelCampaignAsync(campaignId, cancellationToken);
}
