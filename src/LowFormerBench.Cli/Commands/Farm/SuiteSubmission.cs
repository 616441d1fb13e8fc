using LowFormerBench.Core.Suites;
using LowFormerBench.Protos.V1;

namespace LowFormerBench.Cli.Commands.Farm;

/// <summary>Reads a suite file, uploads the model files it names, and submits it.</summary>
public static class SuiteSubmission
{
    /// <param name="configure">Sets further fields of the request (a paired run's), after the suite and its files.</param>
    public static async Task<CampaignInfo> SubmitAsync(CoordinatorClient client, string suitePath, IReadOnlyDictionary<string, string> metadata,
        CancellationToken cancellationToken, Action<SubmitCampaignRequest>? configure = null)
    {
        if (!File.Exists(suitePath))
        {
            throw new CliFailure($"suite file '{suitePath}' does not exist");
        }

        return await SubmitAsync(client, await File.ReadAllTextAsync(suitePath, cancellationToken), suitePath, metadata, cancellationToken, configure);
    }

    /// <param name="suitePath">Where the text came from: names it in errors, and relative model files are found beside it.</param>
    public static async Task<CampaignInfo> SubmitAsync(CoordinatorClient client, string yaml, string suitePath,
        IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken, Action<SubmitCampaignRequest>? configure = null)
    {
        Suite suite;
        try
        {
            suite = SuiteParser.Parse(yaml, suitePath);
        }
        catch (SuiteValidationException e)
        {
            throw new CliFailure(e.Message);
        }

        var request = new SubmitCampaignRequest { SuiteYaml = yaml, SuitePath = suitePath };
        var suiteDirectory = Path.GetDirectoryName(Path.GetFullPath(suitePath))!;
        foreach (var model in suite.Models.Where(m => m.File is not null))
        {
            var path = Path.IsPathRooted(model.File!) ? model.File! : Path.Combine(suiteDirectory, model.File!);
            var uploaded = await ModelUploader.UploadAsync(client, path, model.DisplayName, cancellationToken);
            request.UploadedFiles[model.File!] = uploaded.Sha256;
        }

        foreach (var (key, value) in metadata)
        {
            request.Metadata[key] = value;
        }

        configure?.Invoke(request);
        return await client.CallAsync(async control => await control.SubmitCampaignAsync(request, cancellationToken: cancellationToken));
    }
}
