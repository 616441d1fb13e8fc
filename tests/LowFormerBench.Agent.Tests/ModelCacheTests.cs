using LowFormerBench.Agent.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Cache = LowFormerBench.Agent.Models.ModelCache;

namespace LowFormerBench.Agent.Tests;

public sealed class ModelCacheTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly byte[] _model = TestModels.Bytes(1000);

    private string Sha => TestModels.Sha256(_model);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task GetAsync_VerifiedFileInCache_ReturnsItWithoutTransfer()
    {
        await File.WriteAllBytesAsync(_directory.File(Sha + ".onnx"), _model, TestContext.Current.CancellationToken);
        var source = new FakeModelSource(_model);

        var model = await CacheOver(source).GetAsync(Sha, _model.Length, TestContext.Current.CancellationToken);

        Assert.Equal((true, 0L), (model.FromCache, model.BytesDownloaded));
        Assert.Empty(source.RequestedOffsets);
    }

    [Fact]
    public async Task GetAsync_Missing_DownloadsVerifiesAndKeepsIt()
    {
        var source = new FakeModelSource(_model);
        var cache = CacheOver(source);

        var first = await cache.GetAsync(Sha.ToUpperInvariant(), _model.Length, TestContext.Current.CancellationToken);
        var second = await cache.GetAsync(Sha, _model.Length, TestContext.Current.CancellationToken);

        Assert.Equal((false, 1000L), (first.FromCache, first.BytesDownloaded));
        Assert.Equal(_directory.File(Sha + ".onnx"), first.Path);
        Assert.Equal(_model, await File.ReadAllBytesAsync(first.Path, TestContext.Current.CancellationToken));
        Assert.True(second.FromCache);
        Assert.Equal([0L], source.RequestedOffsets);
        Assert.False(File.Exists(_directory.File(Sha + ".partial")));
    }

    [Fact]
    public async Task GetAsync_PartialFileLeftByCutDownload_ResumesFromItsLength()
    {
        await File.WriteAllBytesAsync(_directory.File(Sha + ".partial"), _model[..600], TestContext.Current.CancellationToken);
        var source = new FakeModelSource(_model);

        var model = await CacheOver(source).GetAsync(Sha, _model.Length, TestContext.Current.CancellationToken);

        Assert.Equal([600L], source.RequestedOffsets);
        Assert.Equal((false, 400L), (model.FromCache, model.BytesDownloaded));
        Assert.Equal(_model, await File.ReadAllBytesAsync(model.Path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetAsync_BytesDoNotMatchHash_ThrowsAndKeepsNothing()
    {
        var wrong = TestModels.Bytes(1000, seed: 2);
        var cache = CacheOver(new FakeModelSource(wrong));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => cache.GetAsync(Sha, _model.Length, TestContext.Current.CancellationToken));

        Assert.Contains($"model {Sha} arrived from the coordinator with SHA-256 {TestModels.Sha256(wrong)}", error.Message);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task GetAsync_CachedFileCorrupted_DeletesAndDownloadsAgain()
    {
        await File.WriteAllBytesAsync(_directory.File(Sha + ".onnx"), TestModels.Bytes(1000, seed: 3), TestContext.Current.CancellationToken);
        var source = new FakeModelSource(_model);

        var model = await CacheOver(source).GetAsync(Sha, _model.Length, TestContext.Current.CancellationToken);

        Assert.False(model.FromCache);
        Assert.Equal(_model, await File.ReadAllBytesAsync(model.Path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetAsync_PartialLongerThanModel_StartsOver()
    {
        await File.WriteAllBytesAsync(_directory.File(Sha + ".partial"), TestModels.Bytes(1500, seed: 4), TestContext.Current.CancellationToken);
        var source = new FakeModelSource(_model);

        var model = await CacheOver(source).GetAsync(Sha, _model.Length, TestContext.Current.CancellationToken);

        Assert.Equal([0L], source.RequestedOffsets);
        Assert.Equal(1000L, model.BytesDownloaded);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("abc")]
    public async Task GetAsync_NotASha256_RefusesBeforeTouchingDisk(string sha)
    {
        var cache = CacheOver(new FakeModelSource(_model));

        await Assert.ThrowsAsync<ArgumentException>(() => cache.GetAsync(sha, 0, TestContext.Current.CancellationToken));
    }

    private Cache CacheOver(FakeModelSource source) =>
        new(source, Options.Create(new AgentOptions { CacheDirectory = _directory.Path }), NullLogger<Cache>.Instance);
}
