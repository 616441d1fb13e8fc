namespace LowFormerBench.Core.Queries;

/// <summary>The dashboard's mutating actions. Callers decide who may use them (loopback only until keys exist).</summary>
public interface IFarmControl
{
    /// <summary>The largest model file an upload may be, in bytes.</summary>
    long MaxModelBytes { get; }

    /// <summary>Validates and queues a suite given as YAML text.</summary>
    /// <exception cref="Suites.SuiteValidationException">The suite is not valid; every problem is located.</exception>
    Task<CampaignView> SubmitSuiteAsync(string suiteYaml, CancellationToken cancellationToken) =>
        SubmitSuiteAsync(suiteYaml, "pasted suite", cancellationToken);

    /// <summary>Validates and queues a suite; <paramref name="sourceName"/> (e.g. an uploaded file's name) locates its errors.</summary>
    /// <exception cref="Suites.SuiteValidationException">The suite is not valid; every problem is located.</exception>
    Task<CampaignView> SubmitSuiteAsync(string suiteYaml, string sourceName, CancellationToken cancellationToken);

    /// <summary>Stores an uploaded ONNX file after the same checks as <c>lfb models upload</c>.</summary>
    /// <exception cref="InvalidDataException">The file is not a model the farm can count and run, or is too large; the message says why.</exception>
    Task<ModelView> UploadModelAsync(string displayName, Stream content, CancellationToken cancellationToken);

    Task CancelCampaignAsync(long campaignId, CancellationToken cancellationToken);
}
