using LowFormerBench.Measurement.ExecutionProviders;
using Xunit;

namespace LowFormerBench.Measurement.Tests.ExecutionProviders;

public sealed class GpuLibrariesTests
{
    [Fact]
    public void Diagnose_NoDriverNoCuda_SaysBothAndWhatToDo()
    {
        var message = GpuLibraries.Diagnose(CudaProvider.ProviderName, GpuLibraries.ForCuda, _ => false);

        Assert.NotNull(message);
        Assert.StartsWith("CUDAExecutionProvider cannot start on this machine: no NVIDIA driver (libcuda.so.1 was not found", message, StringComparison.Ordinal);
        Assert.Contains("CUDA 13 libraries not found: libcudart.so.13, libcublas.so.13, libcublasLt.so.13, libcurand.so.10", message, StringComparison.Ordinal);
        Assert.Contains("cuDNN 9 libraries not found: libcudnn.so.9", message, StringComparison.Ordinal);
        Assert.Contains("install the NVIDIA driver", message, StringComparison.Ordinal);
        Assert.Contains("LD_LIBRARY_PATH", message, StringComparison.Ordinal);
        Assert.Contains("--provider cpu", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_DriverAndCudaButNoCudnn_NamesOnlyCudnn()
    {
        var message = GpuLibraries.Diagnose(CudaProvider.ProviderName, GpuLibraries.ForCuda, name => !name.Contains("cudnn", StringComparison.Ordinal));

        Assert.NotNull(message);
        Assert.Contains("cuDNN 9 libraries not found: libcudnn.so.9", message, StringComparison.Ordinal);
        Assert.DoesNotContain("NVIDIA driver (", message, StringComparison.Ordinal);
        Assert.DoesNotContain("libcublas", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_TensorRtWithoutNvinfer_NamesTensorRt()
    {
        var message = GpuLibraries.Diagnose(TensorRtProvider.ProviderName, GpuLibraries.ForTensorRt, name => !name.Contains("nvinfer", StringComparison.Ordinal));

        Assert.Contains("TensorRT 10 libraries not found: libnvinfer.so.10", message, StringComparison.Ordinal);
        Assert.DoesNotContain("libnvonnxparser", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_EverythingLoads_Null()
    {
        Assert.Null(GpuLibraries.Diagnose(CudaProvider.ProviderName, GpuLibraries.ForCuda, _ => true));
        Assert.Null(GpuLibraries.Diagnose(CpuProvider.ProviderName, new CpuProvider().NativeDependencies, _ => false));
    }

    [Fact]
    public void EnsureLoadable_CudaOnThisMachineWithoutADriver_FailsWithTheRealDlopen()
    {
        if (GpuLibraries.CanLoad("libcuda.so.1"))
        {
            Assert.Skip("this machine has an NVIDIA driver");
        }

        var configuration = ProviderCatalog.Configure("cuda", null, "fp32");

        var error = Assert.Throws<GpuLibrariesMissingException>(() => ProviderCatalog.EnsureLoadable(configuration));
        Assert.Contains("no NVIDIA driver (libcuda.so.1 was not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_CudaListedOnAMachineWithoutADriver_RefusedWithTheReasonCpuKept()
    {
        if (GpuLibraries.CanLoad("libcuda.so.1"))
        {
            Assert.Skip("this machine has an NVIDIA driver");
        }

        var (usable, refused) = ProviderSessionCheck.Verify([CudaProvider.ProviderName, TensorRtProvider.ProviderName, CpuProvider.ProviderName]);

        Assert.Equal([CpuProvider.ProviderName], usable);
        Assert.Equal([CudaProvider.ProviderName, TensorRtProvider.ProviderName], refused.Select(r => r.Name));
        Assert.All(refused, r => Assert.Contains("no NVIDIA driver", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void TryCreateSession_Cpu_CreatesASessionOnTheOneNodeGraph()
    {
        Assert.Null(ProviderSessionCheck.TryCreateSession(CpuProvider.ProviderName));
    }
}
