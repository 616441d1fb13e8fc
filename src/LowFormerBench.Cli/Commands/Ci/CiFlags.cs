using System.CommandLine;
using System.Globalization;
using LowFormerBench.Cli.Commands.Farm;
using LowFormerBench.Core.Campaigns;

namespace LowFormerBench.Cli.Commands.Ci;

/// <summary>What <c>lfb ci</c> was asked to do, flags read and checked.</summary>
public sealed record CiSettings(
    string Suite,
    string Coordinator,
    string? Token,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<string> Tags,
    CiRunOptions Run,
    string? Markdown,
    string? JUnit,
    bool Paired = false);

/// <summary>The flags of <c>lfb ci</c>; metadata flags override the CI variables read from the environment.</summary>
public sealed class CiFlags
{
    private readonly Option<FileInfo> _suite = new("--suite", "-s") { Description = "Suite file (YAML)", Required = true };
    private readonly Option<string> _coordinator = CoordinatorOption.Create();
    private readonly Option<string?> _token = new("--token") { Description = "Token for the coordinator's Control API (default: $LFB_TOKEN)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("LFB_TOKEN") };
    private readonly Option<string[]> _tag = new("--tag") { Description = "Tag the campaign (repeatable); a tag can later name a baseline" };
    private readonly Option<string> _baseline = new("--baseline") { Description = "Baseline: a campaign id or a tag (default: latest succeeded campaign of this suite on the main branch)", DefaultValueFactory = _ => "" };
    private readonly Option<string> _mainBranch = new("--main-branch") { Description = "Branch of the default baseline", DefaultValueFactory = _ => "main" };
    private readonly Option<double> _threshold = new("--threshold") { Description = "Smallest change that counts, in percent", DefaultValueFactory = _ => 3 };
    private readonly Option<bool> _paired = new("--paired")
    {
        Description = "Measure each model interleaved with its baseline's model in the same job, on the same device at the same time, " +
                      "and compare the two (immune to load that changes between runs; doubles the measuring time)",
    };
    private readonly Option<FileInfo?> _junit = new("--junit") { Description = "Write JUnit XML here (one test case per row, failed when slower)" };
    private readonly Option<FileInfo?> _markdown = new("--markdown") { Description = "Write a Markdown summary here (for a pull-request comment)" };
    private readonly Option<double> _timeout = new("--timeout") { Description = "Minutes the whole run may take", DefaultValueFactory = _ => 60 };
    private readonly Option<double> _waitForAgents = new("--wait-for-agents")
    {
        // Long enough for an agent that is restarting to reconnect; short enough that a typo in a device selector fails fast.
        Description = "Seconds jobs may wait with no agent able to run them before the run fails", DefaultValueFactory = _ => 120,
    };
    private readonly Option<string?> _repository = new("--repository") { Description = "Repository (default: from GitHub Actions, GitLab CI, Jenkins or Buildkite variables)" };
    private readonly Option<string?> _branch = new("--branch") { Description = "Branch (default: from GitHub Actions, GitLab CI, Jenkins or Buildkite variables)" };
    private readonly Option<string?> _commit = new("--commit") { Description = "Commit (default: from GitHub Actions, GitLab CI, Jenkins or Buildkite variables)" };
    private readonly Option<string?> _runUrl = new("--run-url") { Description = "CI run URL (default: from GitHub Actions, GitLab CI, Jenkins or Buildkite variables)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _suite, _coordinator, _token, _tag, _baseline, _mainBranch, _threshold, _paired, _junit, _markdown, _timeout,
                     _waitForAgents, _repository, _branch, _commit, _runUrl })
        {
            command.Options.Add(option);
        }
    }

    public CiSettings Read(ParseResult parse)
    {
        var threshold = parse.GetValue(_threshold);
        if (threshold is <= 0 or >= 100)
        {
            throw new CliFailure($"--threshold is a percentage between 0 and 100, not {threshold.ToString(CultureInfo.InvariantCulture)}");
        }

        var metadata = new Dictionary<string, string>();
        foreach (var (key, option) in new[] { (CampaignMetadata.Repository, _repository), (CampaignMetadata.Branch, _branch),
                     (CampaignMetadata.Commit, _commit), (CampaignMetadata.RunUrl, _runUrl) })
        {
            if (parse.GetValue(option) is { Length: > 0 } value)
            {
                metadata[key] = value;
            }
        }

        var run = new CiRunOptions(parse.GetValue(_baseline)!, parse.GetValue(_mainBranch)!, threshold / 100,
            TimeSpan.FromMinutes(parse.GetValue(_timeout)), TimeSpan.FromSeconds(parse.GetValue(_waitForAgents)));
        return new CiSettings(parse.GetValue(_suite)!.FullName, parse.GetValue(_coordinator)!, parse.GetValue(_token), metadata,
            parse.GetValue(_tag) ?? [], run, parse.GetValue(_markdown)?.FullName, parse.GetValue(_junit)?.FullName, parse.GetValue(_paired));
    }
}
