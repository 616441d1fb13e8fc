using LowFormerBench.Measurement.ExecutionProviders;
using Xunit;

namespace LowFormerBench.Measurement.Tests.ExecutionProviders;

public sealed class ProviderCatalogTests
{
    private static readonly string[] CpuBuild = ["CPUExecutionProvider"];

    [Theory]
    [InlineData("cpu", CpuProvider.ProviderName)]
    [InlineData("CUDAExecutionProvider", CudaProvider.ProviderName)]
    [InlineData("cudaexecutionprovider", CudaProvider.ProviderName)]
    [InlineData("trt", TensorRtProvider.ProviderName)]
    [InlineData(" TensorRT ", TensorRtProvider.ProviderName)]
    [InlineData("xnnpack", XnnpackProvider.ProviderName)]
    public void Resolve_NameOrAlias_CanonicalProvider(string name, string expected)
    {
        Assert.Equal(expected, ProviderCatalog.Resolve(name).Name);
    }

    [Fact]
    public void Resolve_UnknownName_ListsKnownProviders()
    {
        var error = Assert.Throws<UnknownExecutionProviderException>(() => ProviderCatalog.Resolve("OpenVINOExecutionProvider"));

        Assert.Contains("'OpenVINOExecutionProvider'", error.Message);
        foreach (var provider in ProviderCatalog.Known)
        {
            Assert.Contains(provider.Name, error.Message);
        }
    }

    [Fact]
    public void Configure_CpuNoOptions_EveryDefaultWrittenOut()
    {
        var configuration = ProviderCatalog.Configure("cpu", null, "fp32");

        Assert.Equal("0", configuration.Options[SessionSettings.IntraOpThreads]);
        Assert.Equal("1", configuration.Options[SessionSettings.AllowSpinning]);
        Assert.Equal("all", configuration.Options[SessionSettings.GraphOptimizationLevelKey]);
        Assert.Equal(0, configuration.IntraOpThreads);
    }

    [Fact]
    public void Configure_ValuesNormalised_KeysAsOrtNamesThem()
    {
        var configuration = ProviderCatalog.Configure("cpu", new Dictionary<string, string>
        {
            [SessionSettings.IntraOpThreads] = " 2 ",
            [SessionSettings.AllowSpinning] = "false",
            [SessionSettings.GraphOptimizationLevelKey] = "Extended",
        }, "fp32");

        Assert.Equal("2", configuration.Options[SessionSettings.IntraOpThreads]);
        Assert.Equal("0", configuration.Options[SessionSettings.AllowSpinning]);
        Assert.Equal("extended", configuration.Options[SessionSettings.GraphOptimizationLevelKey]);
    }

    [Fact]
    public void Configure_SeveralBadValues_AllReportedAtOnceWithKeys()
    {
        var error = Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Configure("cuda", new Dictionary<string, string>
        {
            [SessionSettings.IntraOpThreads] = "many",
            [CudaProvider.ConvAlgoSearch] = "FASTEST",
            ["gpu_mem_limit_typo"] = "1",
        }, "fp32"));

        Assert.Equal(3, error.Errors.Count);
        Assert.Contains("intra_op_num_threads must be an integer from 0 to 1024, got 'many'", error.Message);
        Assert.Contains("cudnn_conv_algo_search must be one of EXHAUSTIVE, HEURISTIC, DEFAULT, got 'FASTEST'", error.Message);
        Assert.Contains("unknown option 'gpu_mem_limit_typo'", error.Message);
        Assert.Contains(CudaProvider.DeviceId, error.Message);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("tensorrt")]
    public void Configure_GpuProviderNoOptions_DeviceBindingRecordedAndGraphsOff(string provider)
    {
        var configuration = ProviderCatalog.Configure(provider, null, "fp32");

        Assert.Equal("device", configuration.Options[CudaProvider.IoBinding]);
        Assert.Contains("io_binding=device", configuration.ToString());
        Assert.Null(configuration.Provider.GraphCaptureOption(configuration.Options));
    }

    [Theory]
    [InlineData("Host", "host")]
    [InlineData(" DEVICE ", "device")]
    public void Configure_IoBinding_Normalised(string raw, string expected)
    {
        var configuration = ProviderCatalog.Configure("cuda", new Dictionary<string, string> { [CudaProvider.IoBinding] = raw }, "fp32");

        Assert.Equal(expected, configuration.Options[CudaProvider.IoBinding]);
    }

    [Fact]
    public void Configure_IoBindingBadValue_SaysWhatItAccepts()
    {
        var error = Assert.Throws<ProviderOptionsException>(() =>
            ProviderCatalog.Configure("trt", new Dictionary<string, string> { [TensorRtProvider.IoBinding] = "gpu" }, "fp32"));

        Assert.Contains("io_binding must be one of device, host, got 'gpu'", error.Message);
    }

    [Fact]
    public void Configure_IoBindingOnCpu_UnknownOption()
    {
        var error = Assert.Throws<ProviderOptionsException>(() =>
            ProviderCatalog.Configure("cpu", new Dictionary<string, string> { [CudaProvider.IoBinding] = "device" }, "fp32"));

        Assert.Contains("unknown option 'io_binding'", error.Message);
    }

    [Theory]
    [InlineData("cuda", CudaProvider.CudaGraph)]
    [InlineData("tensorrt", TensorRtProvider.CudaGraph)]
    public void Configure_CudaGraphWithDeviceBinding_Accepted(string provider, string graphKey)
    {
        var configuration = ProviderCatalog.Configure(provider, new Dictionary<string, string> { [graphKey] = "true" }, "fp32");

        Assert.Equal("1", configuration.Options[graphKey]);
        Assert.Equal(graphKey, configuration.Provider.GraphCaptureOption(configuration.Options));
    }

    [Theory]
    [InlineData("cuda", CudaProvider.CudaGraph)]
    [InlineData("tensorrt", TensorRtProvider.CudaGraph)]
    public void Configure_CudaGraphWithHostBinding_ExplainsWhyNotAndWhatToDo(string provider, string graphKey)
    {
        var error = Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Configure(provider,
            new Dictionary<string, string> { [graphKey] = "1", [CudaProvider.IoBinding] = "host" }, "fp32"));

        Assert.Contains($"{graphKey}=1 needs inputs and outputs bound in GPU memory, but io_binding=host", error.Message);
        Assert.Contains($"set io_binding=device or {graphKey}=0", error.Message);
    }

    [Fact]
    public void OwnOptions_Cuda_HarnessOptionNotHandedToOrt()
    {
        var configuration = ProviderCatalog.Configure("cuda", new Dictionary<string, string>
        {
            [CudaProvider.IoBinding] = "device", [CudaProvider.CudaGraph] = "1", [SessionSettings.IntraOpThreads] = "2",
        }, "fp32");

        var toOrt = configuration.Provider.OwnOptions(configuration.Options);

        Assert.Equal(
            new Dictionary<string, string> { [CudaProvider.DeviceId] = "0", [CudaProvider.ConvAlgoSearch] = "EXHAUSTIVE", [CudaProvider.CudaGraph] = "1" },
            toOrt);
        Assert.Contains(CudaProvider.IoBinding, configuration.Options.Keys);
    }

    [Fact]
    public void OwnOptions_TensorRt_HarnessOptionNotHandedToOrt()
    {
        var configuration = ProviderCatalog.Configure("tensorrt", new Dictionary<string, string> { [TensorRtProvider.IoBinding] = "host" }, "fp16");

        var toOrt = configuration.Provider.OwnOptions(configuration.Options);

        Assert.DoesNotContain(TensorRtProvider.IoBinding, toOrt.Keys);
        Assert.Equal("1", toOrt[TensorRtProvider.Fp16]);
        Assert.Equal("0", toOrt[TensorRtProvider.CudaGraph]);
        Assert.Equal("host", configuration.Options[TensorRtProvider.IoBinding]);
    }

    [Fact]
    public void HarnessOptions_OnlyIoBinding()
    {
        var harness = ProviderCatalog.Known.SelectMany(p => p.AllOptions).Where(o => o.IsHarnessOption).Select(o => o.Key).Distinct();

        Assert.Equal([CudaProvider.IoBinding], harness);
    }

    [Fact]
    public void Configure_TensorRtAtFp16_Fp16FlagOnUnlessSetExplicitly()
    {
        var implicitly = ProviderCatalog.Configure("tensorrt", null, "fp16");
        var explicitly = ProviderCatalog.Configure("tensorrt", new Dictionary<string, string> { [TensorRtProvider.Fp16] = "0" }, "fp16");
        var fp32 = ProviderCatalog.Configure("tensorrt", null, "fp32");

        Assert.Equal("1", implicitly.Options[TensorRtProvider.Fp16]);
        Assert.Equal("0", explicitly.Options[TensorRtProvider.Fp16]);
        Assert.Equal("0", fp32.Options[TensorRtProvider.Fp16]);
        Assert.DoesNotContain(TensorRtProvider.Workspace, fp32.Options.Keys);
    }

    [Fact]
    public void Configure_TensorRtCachePathWithoutCache_Rejected()
    {
        var error = Assert.Throws<ProviderOptionsException>(() => ProviderCatalog.Configure("trt",
            new Dictionary<string, string> { [TensorRtProvider.EngineCachePath] = "/var/cache/lfb/trt" }, "fp32"));

        Assert.Contains("set trt_engine_cache_enable=1", error.Message);
    }

    [Fact]
    public void Configure_Xnnpack_SessionThreadsOneAndNoSpinning()
    {
        var configuration = ProviderCatalog.Configure("xnnpack", null, "fp32");

        Assert.Equal("1", configuration.Options[SessionSettings.IntraOpThreads]);
        Assert.Equal("0", configuration.Options[SessionSettings.AllowSpinning]);
        Assert.True(int.Parse(configuration.Options[XnnpackProvider.Threads], System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public void EnsureAvailable_CudaOnCpuBuild_ListsWhatTheLibraryHasAndWhatToDo()
    {
        var configuration = ProviderCatalog.Configure("cuda", null, "fp32");

        var error = Assert.Throws<ExecutionProviderUnavailableException>(() => ProviderCatalog.EnsureAvailable(configuration, CpuBuild));

        Assert.Equal(CpuBuild, error.Available);
        Assert.Contains("CUDAExecutionProvider is not in this ONNX Runtime native library, which has: CPUExecutionProvider", error.Message);
        Assert.Contains("Install a GPU build of ONNX Runtime", error.Message);
        Assert.Contains("point the agent at", error.Message);
    }

    [Fact]
    public void EnsureAvailable_CpuOnCpuBuild_Passes()
    {
        var configuration = ProviderCatalog.Configure("cpu", null, "fp32");

        var onCpuBuild = Record.Exception(() => ProviderCatalog.EnsureAvailable(configuration, CpuBuild));
        // The same check on a library without the CPU provider refuses, so passing above is the check's answer, not a no-op.
        var onEmptyBuild = Record.Exception(() => ProviderCatalog.EnsureAvailable(configuration, []));

        Assert.Null(onCpuBuild);
        Assert.Equal("CPUExecutionProvider", configuration.Name);
        Assert.IsType<ExecutionProviderUnavailableException>(onEmptyBuild);
    }
}
