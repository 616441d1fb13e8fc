using LowFormerBench.Core.Campaigns;
using Xunit;

namespace LowFormerBench.Core.Tests.Campaigns;

public sealed class CampaignMetadataTests
{
    [Fact]
    public void FromEnvironment_GitHubPullRequest_HeadBranchAndRunUrl()
    {
        var variables = new Dictionary<string, string>
        {
            ["GITHUB_REPOSITORY"] = "acme/lowformer", ["GITHUB_REF_NAME"] = "17/merge", ["GITHUB_HEAD_REF"] = "faster-attention",
            ["GITHUB_SHA"] = "abc123", ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_RUN_ID"] = "99",
        };

        var metadata = CampaignMetadata.FromEnvironment(variables.GetValueOrDefault);

        Assert.Equal("acme/lowformer", metadata[CampaignMetadata.Repository]);
        Assert.Equal("faster-attention", metadata[CampaignMetadata.Branch]);
        Assert.Equal("abc123", metadata[CampaignMetadata.Commit]);
        Assert.Equal("https://github.com/acme/lowformer/actions/runs/99", metadata[CampaignMetadata.RunUrl]);
    }

    [Fact]
    public void FromEnvironment_GitHubPush_RefName()
    {
        var metadata = CampaignMetadata.FromEnvironment(new Dictionary<string, string> { ["GITHUB_REF_NAME"] = "main", ["GITHUB_HEAD_REF"] = "" }.GetValueOrDefault);

        Assert.Equal("main", metadata[CampaignMetadata.Branch]);
    }

    [Fact]
    public void FromEnvironment_GitLab_CiVariables()
    {
        var variables = new Dictionary<string, string>
        {
            ["CI_PROJECT_PATH"] = "acme/lowformer", ["CI_COMMIT_REF_NAME"] = "main", ["CI_COMMIT_SHA"] = "def456",
            ["CI_PIPELINE_URL"] = "https://gitlab.com/acme/lowformer/-/pipelines/7",
        };

        var metadata = CampaignMetadata.FromEnvironment(variables.GetValueOrDefault);

        Assert.Equal("acme/lowformer", metadata[CampaignMetadata.Repository]);
        Assert.Equal("main", metadata[CampaignMetadata.Branch]);
        Assert.Equal("def456", metadata[CampaignMetadata.Commit]);
        Assert.Equal("https://gitlab.com/acme/lowformer/-/pipelines/7", metadata[CampaignMetadata.RunUrl]);
    }

    [Fact]
    public void FromEnvironment_JenkinsMultibranchPullRequest_ChangeBranchAndRepositoryPath()
    {
        var variables = new Dictionary<string, string>
        {
            ["JENKINS_URL"] = "https://ci.acme.org/", ["GIT_URL"] = "https://github.com/acme/lowformer.git", ["BRANCH_NAME"] = "PR-17",
            ["CHANGE_BRANCH"] = "faster-attention", ["GIT_BRANCH"] = "PR-17", ["GIT_COMMIT"] = "0a1b2c",
            ["BUILD_URL"] = "https://ci.acme.org/job/lowformer/job/PR-17/3/",
        };

        var metadata = CampaignMetadata.FromEnvironment(variables.GetValueOrDefault);

        Assert.Equal("acme/lowformer", metadata[CampaignMetadata.Repository]);
        Assert.Equal("faster-attention", metadata[CampaignMetadata.Branch]);
        Assert.Equal("0a1b2c", metadata[CampaignMetadata.Commit]);
        Assert.Equal("https://ci.acme.org/job/lowformer/job/PR-17/3/", metadata[CampaignMetadata.RunUrl]);
    }

    [Fact]
    public void FromEnvironment_JenkinsFreestyle_RemoteTrackingBranchStripped()
    {
        var metadata = CampaignMetadata.FromEnvironment(new Dictionary<string, string>
        {
            ["GIT_URL"] = "git@github.com:acme/lowformer.git", ["GIT_BRANCH"] = "origin/main",
        }.GetValueOrDefault);

        Assert.Equal("acme/lowformer", metadata[CampaignMetadata.Repository]);
        Assert.Equal("main", metadata[CampaignMetadata.Branch]);
    }

    [Fact]
    public void FromEnvironment_Buildkite_BuildVariables()
    {
        var variables = new Dictionary<string, string>
        {
            ["BUILDKITE"] = "true", ["BUILDKITE_REPO"] = "git@github.com:acme/lowformer.git", ["BUILDKITE_BRANCH"] = "main",
            ["BUILDKITE_COMMIT"] = "789abc", ["BUILDKITE_BUILD_URL"] = "https://buildkite.com/acme/lowformer/builds/42",
        };

        var metadata = CampaignMetadata.FromEnvironment(variables.GetValueOrDefault);

        Assert.Equal("acme/lowformer", metadata[CampaignMetadata.Repository]);
        Assert.Equal("main", metadata[CampaignMetadata.Branch]);
        Assert.Equal("789abc", metadata[CampaignMetadata.Commit]);
        Assert.Equal("https://buildkite.com/acme/lowformer/builds/42", metadata[CampaignMetadata.RunUrl]);
    }

    [Fact]
    public void Merge_FlagsOverEnvironment_TagsMergedOnce()
    {
        var merged = CampaignMetadata.Merge(
            new Dictionary<string, string> { [CampaignMetadata.Branch] = "env-branch", [CampaignMetadata.Tags] = "nightly" },
            new Dictionary<string, string> { [CampaignMetadata.Branch] = "flag-branch", [CampaignMetadata.Commit] = "" },
            ["release-1, nightly", "gpu"]);

        Assert.Equal("flag-branch", merged[CampaignMetadata.Branch]);
        Assert.False(merged.ContainsKey(CampaignMetadata.Commit));
        Assert.Equal(["nightly", "release-1", "gpu"], CampaignMetadata.TagsOf(merged));
    }
}
