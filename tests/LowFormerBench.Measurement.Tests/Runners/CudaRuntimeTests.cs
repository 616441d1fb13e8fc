using LowFormerBench.Measurement.Runners;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Runners;

/// <summary>The CUDA runtime loader's failures, with real dlopen calls over injected library names.</summary>
public sealed class CudaRuntimeTests
{
    [Fact]
    public void Load_NoCandidateLoads_ListsWhatWasTriedAndWhatToDo()
    {
        var error = Assert.Throws<DeviceBindingException>(() => CudaRuntime.Load(["libcudart-missing.so.99", "libcudart-missing.so.98"]));

        Assert.Contains("none of libcudart-missing.so.99, libcudart-missing.so.98 could be loaded", error.Message);
        Assert.Contains("Install the CUDA runtime", error.Message);
        Assert.Contains("io_binding=host", error.Message);
    }

    [Fact]
    public void Load_LibraryWithoutCudaCalls_SaysItIsNotLibcudart()
    {
        // libm loads on any Linux (the test host), but it has no cudaMemcpy.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "needs a Linux shared library that is not libcudart");

        var error = Assert.Throws<DeviceBindingException>(() => CudaRuntime.Load(["libcudart-missing.so.99", "libm.so.6"]));

        Assert.Contains("libm.so.6 was loaded as the CUDA runtime but has no cudaMemcpy", error.Message);
    }

    [Fact]
    public void DefaultCandidates_EveryCudaMajorTheGpuBuildsUse()
    {
        Assert.Equal("libcudart.so", CudaRuntime.LibraryCandidates[0]);
        Assert.Contains("libcudart.so.12", CudaRuntime.LibraryCandidates);
        Assert.Contains("libcudart.so.11.0", CudaRuntime.LibraryCandidates);
    }
}
