using System.Globalization;
using LowFormerBench.Core.Jobs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LowFormerBench.Core.Suites;

/// <summary>
/// Reads a suite file (YAML) and reports every problem at once with line, column and field, so that a
/// user fixes a suite in one pass. Model names are checked later, by whoever knows the zoo.
/// </summary>
public static class SuiteParser
{
    private static readonly HashSet<string> KnownKeys =
    [
        "name", "description", "models", "scenarios", "batch_sizes", "batch_sweep", "resolutions", "precisions", "providers",
        "provider_options", "devices", "budget", "profile", "probes",
    ];

    public static Suite Parse(string yaml, string path = "suite")
    {
        var errors = new SuiteErrors(path);
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                throw new SuiteValidationException([$"{path}:1:1: the suite must be a YAML mapping with at least 'name', 'models' and 'scenarios'"]);
            }

            root = mapping;
        }
        catch (YamlException e)
        {
            throw new SuiteValidationException([$"{path}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {e.InnerException?.Message ?? e.Message}"]);
        }

        var fields = new SuiteFields(root, errors);
        foreach (var key in fields.UnknownKeys(KnownKeys))
        {
            errors.Add(key, key.Value ?? "?", $"unknown field; known fields: {string.Join(", ", KnownKeys)}");
        }

        var name = fields.RequiredString("name");
        var models = fields.Models();
        var probes = fields.Probes();
        var scenarios = fields.Scenarios();
        var batchSizes = fields.BatchSizes(scenarios);
        var batchSweep = fields.BatchSweep(scenarios);
        var resolutions = fields.PositiveInts("resolutions", max: 1024) ?? [Suite.DefaultResolution];
        var precisions = fields.Precisions();
        var providers = fields.Providers();
        var providerOptions = fields.StringMap("provider_options");
        var devices = fields.Devices();
        var budget = fields.Budget();
        var profile = fields.Flag("profile");
        errors.ThrowIfAny();
        return new Suite(name!, models, scenarios, batchSizes, resolutions, precisions, providers, providerOptions, devices, budget, profile, batchSweep)
        {
            Probes = probes,
        };
    }

    internal static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

}
