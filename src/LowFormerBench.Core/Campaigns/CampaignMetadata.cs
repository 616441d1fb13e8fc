namespace LowFormerBench.Core.Campaigns;

/// <summary>
/// Where a campaign came from: repository, branch, commit, CI run and free tags, stored as the campaign's metadata so
/// a CI run can find its baseline ("the latest successful campaign of this suite on main") and the dashboard can link back.
/// </summary>
public static class CampaignMetadata
{
    public const string Repository = "repository";
    public const string Branch = "branch";
    public const string Commit = "commit";
    public const string RunUrl = "run_url";

    /// <summary>
    /// Set by the coordinator on a paired run (<c>lfb ci --paired</c>): the baseline campaign whose models its jobs measured
    /// alongside their own; the comparison then uses that campaign for any row that could not be paired.
    /// </summary>
    public const string PairedBaseline = "paired_baseline";

    /// <summary>Comma-separated free tags; a tag can name a baseline.</summary>
    public const string Tags = "tags";

    /// <summary>
    /// Reads the variables GitHub Actions, GitLab CI, Jenkins and Buildkite set. On a pull request GitHub's GITHUB_REF_NAME
    /// is "123/merge", so GITHUB_HEAD_REF (the PR's branch) wins when set; likewise Jenkins' CHANGE_BRANCH over BRANCH_NAME.
    /// Jenkins and Buildkite give the repository as a clone URL, kept as its "owner/name" path so a baseline found by
    /// repository matches across CI systems. Values given explicitly (CLI flags) override these.
    /// </summary>
    public static Dictionary<string, string> FromEnvironment(Func<string, string?> variable)
    {
        string? Var(string name) => variable(name) is { Length: > 0 } value ? value : null;
        var metadata = new Dictionary<string, string>();
        Put(metadata, Repository, Var("GITHUB_REPOSITORY") ?? Var("CI_PROJECT_PATH") ?? RepositoryPath(Var("BUILDKITE_REPO"))
                                  ?? RepositoryPath(Var("GIT_URL")));
        Put(metadata, Branch, Var("GITHUB_HEAD_REF") ?? Var("GITHUB_REF_NAME") ?? Var("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME") ?? Var("CI_COMMIT_REF_NAME")
                              ?? Var("BUILDKITE_BRANCH") ?? Var("CHANGE_BRANCH") ?? Var("BRANCH_NAME") ?? JenkinsGitBranch(Var("GIT_BRANCH")));
        Put(metadata, Commit, Var("GITHUB_SHA") ?? Var("CI_COMMIT_SHA") ?? Var("BUILDKITE_COMMIT") ?? Var("GIT_COMMIT"));
        var githubRun = Var("GITHUB_SERVER_URL") is { } server && Var("GITHUB_REPOSITORY") is { } repository && Var("GITHUB_RUN_ID") is { } run
            ? $"{server}/{repository}/actions/runs/{run}"
            : null;
        Put(metadata, RunUrl, githubRun ?? Var("CI_PIPELINE_URL") ?? Var("CI_JOB_URL") ?? Var("BUILDKITE_BUILD_URL") ?? Var("BUILD_URL"));
        return metadata;
    }

    /// <summary>"https://github.com/acme/x.git" and "git@github.com:acme/x.git" both give "acme/x"; anything else is kept as given.</summary>
    internal static string? RepositoryPath(string? cloneUrl)
    {
        if (cloneUrl is null)
        {
            return null;
        }

        var path = Uri.TryCreate(cloneUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ssh" or "git"
            ? uri.AbsolutePath
            : cloneUrl.Contains(':', StringComparison.Ordinal) ? cloneUrl[(cloneUrl.IndexOf(':', StringComparison.Ordinal) + 1)..] : cloneUrl;
        path = path.Trim('/');
        path = path.EndsWith(".git", StringComparison.Ordinal) ? path[..^4] : path;
        return path.Length > 0 ? path : cloneUrl;
    }

    // Jenkins' Git plugin sets GIT_BRANCH to the remote-tracking name, "origin/main".
    private static string? JenkinsGitBranch(string? gitBranch) =>
        gitBranch is not null && gitBranch.StartsWith("origin/", StringComparison.Ordinal) ? gitBranch["origin/".Length..] : gitBranch;

    /// <summary>Explicit values over the environment's; tags are merged, deduplicated and kept in order.</summary>
    public static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> fromEnvironment, IReadOnlyDictionary<string, string> explicitValues,
        IEnumerable<string> tags)
    {
        var merged = new Dictionary<string, string>(fromEnvironment);
        foreach (var (key, value) in explicitValues.Where(kv => kv.Value.Length > 0))
        {
            merged[key] = value;
        }

        var allTags = TagsOf(merged).Concat(tags.SelectMany(t => t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .Distinct(StringComparer.Ordinal).ToList();
        merged.Remove(Tags);
        Put(merged, Tags, allTags.Count > 0 ? string.Join(",", allTags) : null);
        return merged;
    }

    public static IReadOnlyList<string> TagsOf(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(Tags, out var tags) ? tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];

    private static void Put(Dictionary<string, string> metadata, string key, string? value)
    {
        if (value is not null)
        {
            metadata[key] = value;
        }
    }
}
