namespace LowFormerBench.Agent.Tests;

public sealed class AgentOptionsValidatorTests
{
    private readonly AgentOptionsValidator _validator = new();

    [Fact]
    public void Validate_NothingSet_ReportsEveryMissingKeyAtOnce()
    {
        var result = _validator.Validate(null, new AgentOptions());

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Agent:CoordinatorUrl must be set", StringComparison.Ordinal) && f.Contains("--coordinator"));
        Assert.Contains(result.Failures!, f => f.StartsWith("Agent:Token must be set", StringComparison.Ordinal) && f.Contains("--token"));
    }

    [Theory]
    [InlineData("ftp://coordinator:21")]
    [InlineData("coordinator:5000")]
    [InlineData("/relative")]
    public void Validate_NotAnHttpUrl_NamesTheKeyAndTheValue(string url)
    {
        var options = Valid();
        options.CoordinatorUrl = url;

        var result = _validator.Validate(null, options);

        Assert.Equal($"Agent:CoordinatorUrl '{url}' must be an absolute http:// or https:// URL (--coordinator)", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_SeveralBadSettings_ReportsEachWithItsKey()
    {
        var options = Valid();
        options.Name = " ";
        options.CacheDirectory = "";
        options.DrainGraceSeconds = -1;
        options.NativeLibraryPath = "/nonexistent/libonnxruntime.so";
        options.Labels["gpu"] = "";

        var failures = _validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(["Agent:Name", "Agent:CacheDirectory", "Agent:DrainGraceSeconds", "Agent:Labels:gpu", "Agent:NativeLibraryPath"],
            failures.Select(f => f.Split(' ')[0]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(50)]
    [InlineData(double.NaN)]
    public void Validate_SamplingIntervalNeitherOffNorCoarse_Reported(double milliseconds)
    {
        var options = Valid();
        options.SamplingIntervalMs = milliseconds;

        var failure = Assert.Single(_validator.Validate(null, options).Failures!);

        Assert.StartsWith("Agent:SamplingIntervalMs must be 0 (off) or at least 100 ms", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void NativeLibrarySelection_FileThatIsNotALibrary_FailsWithTheKeyAndDlopensReason()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("lfb-ort-").FullName, "libonnxruntime.so");
        File.WriteAllText(path, "not an ELF file");
        var options = Valid();
        options.NativeLibraryPath = path;

        var result = new NativeLibrarySelection().Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"Agent:NativeLibraryPath: ONNX Runtime native library {path} does not load", failure, StringComparison.Ordinal);
        Assert.EndsWith("(--native-library)", failure, StringComparison.Ordinal);
        Assert.True(new NativeLibrarySelection().Validate(null, Valid()).Skipped);
    }

    [Fact]
    public void Validate_CompleteSettings_Succeeds()
    {
        Assert.True(_validator.Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Defaults_NameAndCache_AreTheHostNameAndAFolderUnderTheUsersCache()
    {
        var options = new AgentOptions();

        Assert.Equal(Environment.MachineName, options.Name);
        Assert.EndsWith(Path.Combine("lowformerbench", "models"), options.ResolvedCacheDirectory);
        Assert.DoesNotContain("~", options.ResolvedCacheDirectory);
        Assert.Equal(TimeSpan.FromSeconds(30), options.DrainGrace);
    }

    private static AgentOptions Valid() => new() { CoordinatorUrl = "http://127.0.0.1:5000", Token = "t", Name = "jetson-1", CacheDirectory = "/tmp/models" };
}
