using Google.Protobuf;
using LowFormerBench.Measurement.ExecutionProviders;
using LowFormerBench.Measurement.Loop;
using LowFormerBench.Measurement.Runners;
using LowFormerBench.Measurement.Tests.Fakes;
using LowFormerBench.ModelZoo;
using LowFormerBench.ModelZoo.Onnx;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Runners;

/// <summary>
/// The device-binding path (session allocator, inputs filled once, outputs bound, run, read back) on the real CPU
/// provider with <see cref="CpuDeviceMemory"/>: the same code a CUDA job runs with <see cref="CudaDeviceMemory"/>,
/// which this machine cannot (CPU build of ONNX Runtime, no GPU).
/// </summary>
public sealed class DeviceBindingTests(ZooModelFiles models) : IClassFixture<ZooModelFiles>
{
    private static readonly Dictionary<string, string> OneThread = new() { [SessionSettings.IntraOpThreads] = "1" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RunnerSetup Setup(string path, int batch = 2, int resolution = 64, string precision = MeasurementRequest.Fp32) =>
        new(path, batch, resolution, precision, ProviderCatalog.Configure("cpu", OneThread, precision));

    [Fact]
    public void Open_LowFormerB0InCpuDeviceMemory_OutputsEqualTheHostPath()
    {
        var setup = Setup(models.Write("lowformer-b0", new ModelBuildOptions(Resolution: 64)));

        using var host = OnnxRuntimeRunner.Open(setup, () => null, Ct);
        using var device = OnnxRuntimeRunner.Open(setup, () => new CpuDeviceMemory(), Ct);
        host.Run();
        device.Run();

        Assert.Equal("host memory", host.BindingLocation);
        Assert.Equal("CPU memory", device.BindingLocation);
        Assert.Equal(host.InputShape, device.InputShape);
        var expected = host.ReadOutputs();
        var actual = device.ReadOutputs();
        Assert.Equal(expected.Keys, actual.Keys);
        var logits = Floats(actual[Zoo.OutputName]);
        Assert.Equal(2 * 1000, logits.Length);
        Assert.Contains(logits, v => v != 0);
        Assert.Equal(Floats(expected[Zoo.OutputName]), logits);
    }

    [Fact]
    public void Open_Fp16ModelInCpuDeviceMemory_OutputsEqualTheHostPath()
    {
        var setup = Setup(models.Write("lowformer-b0", new ModelBuildOptions(Resolution: 64, Precision: Precision.Float16)), batch: 1, precision: MeasurementRequest.Fp16);

        using var host = OnnxRuntimeRunner.Open(setup, () => null, Ct);
        using var device = OnnxRuntimeRunner.Open(setup, () => new CpuDeviceMemory(), Ct);

        var output = device.ReadOutputs()[Zoo.OutputName];
        Assert.Equal(1000 * 2, output.Length);
        Assert.Equal(host.ReadOutputs()[Zoo.OutputName], output);
    }

    [Fact]
    public void Open_OutputOfUnknownShapeInDeviceMemory_BoundToTheDeviceAndReadBack()
    {
        var setup = Setup(WriteConvWithSymbolicSpatialSize(), batch: 3, resolution: 40);

        using var host = OnnxRuntimeRunner.Open(setup, () => null, Ct);
        using var device = OnnxRuntimeRunner.Open(setup, () => new CpuDeviceMemory(), Ct);

        Assert.Equal("3x3x40x40", device.InputShape);
        var output = Floats(device.ReadOutputs()[Zoo.OutputName]);
        Assert.Equal(3 * 8 * 40 * 40, output.Length);
        Assert.Equal(Floats(host.ReadOutputs()[Zoo.OutputName]), output);
    }

    [Fact]
    public void Open_GraphCaptureWithOutputOfUnknownShape_ErrorNamesTheOutputBeforeTiming()
    {
        var path = WriteConvWithSymbolicSpatialSize();
        var configuration = ProviderCatalog.Configure("cuda", new Dictionary<string, string> { [CudaProvider.CudaGraph] = "1" }, MeasurementRequest.Fp32);
        Assert.Equal(CudaProvider.CudaGraph, configuration.Provider.GraphCaptureOption(configuration.Options));
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(path);
        using var memory = new CpuDeviceMemory();

        var error = Assert.Throws<DeviceBindingException>(() =>
        {
            // Disposed here should it wrongly succeed: its buffers must go before the session does.
            using var tensors = BoundTensors.Create(session, new RunnerSetup(path, 1, 32, MeasurementRequest.Fp32, configuration), memory, CudaProvider.CudaGraph);
        });

        Assert.Contains("enable_cuda_graph=1 needs a fixed buffer for every output, but output 'logits' has shape [batch, 8, height, width]", error.Message);
        Assert.Contains("set enable_cuda_graph=0", error.Message);
    }

    [Fact]
    public void Open_GraphCaptureWithKnownOutputs_BindsAndRuns()
    {
        var path = models.Write("lowformer-b0", new ModelBuildOptions(Resolution: 64));
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(path);
        using var memory = new CpuDeviceMemory();
        using var tensors = BoundTensors.Create(session, Setup(path, batch: 1), memory, CudaProvider.CudaGraph);

        using var runOptions = new Microsoft.ML.OnnxRuntime.RunOptions();
        session.RunWithBinding(runOptions, tensors.Binding);

        Assert.Equal(1000 * sizeof(float), tensors.ReadOutputs()[Zoo.OutputName].Length);
    }

    [Fact]
    public void Open_CudaMemoryWithoutCudaRuntime_SetupErrorNamingTheLibrariesTried()
    {
        Assert.SkipWhen(CudaRuntime.LibraryCandidates.Any(l => System.Runtime.InteropServices.NativeLibrary.TryLoad(l, out _)), "this machine has a CUDA runtime");
        var setup = Setup(models.Write("lowformer-b0", new ModelBuildOptions(Resolution: 64)));

        var error = Assert.Throws<DeviceBindingException>(() => OnnxRuntimeRunner.Open(setup, () => CudaDeviceMemory.Open(0), Ct));

        Assert.Contains(string.Join(", ", CudaRuntime.LibraryCandidates), error.Message);
        Assert.IsAssignableFrom<MeasurementSetupException>(error);
    }

    [Fact]
    public void Measure_CudaDeviceBindingOnThisCpuBuild_UnavailableBeforeAnythingIsOpened()
    {
        var request = new MeasurementRequest(models.LowFormerB0, MeasurementRequest.Latency, 1, 224, MeasurementRequest.Fp32, Provider: "cuda",
            ProviderOptions: new Dictionary<string, string> { [CudaProvider.IoBinding] = "device", [CudaProvider.CudaGraph] = "1" });

        var error = Assert.Throws<ExecutionProviderUnavailableException>(() =>
            new MeasurementLoop(new OnnxRuntimeRunnerFactory()).Measure(request, cancellationToken: Ct));

        Assert.Equal(OnnxRuntimeInfo.AvailableProviders, error.Available);
        Assert.Contains("which has: " + string.Join(", ", OnnxRuntimeInfo.AvailableProviders), error.Message);
    }

    [Theory]
    [InlineData("[ONNXRuntimeError] : 1 : FAIL : This session cannot use the CUDA Graph feature as requested by the user  as all compute graph nodes have not been partitioned to the CUDA EP.", true)]
    [InlineData("This session cannot use the graph capture feature as requested by the user as all compute graph nodes have not been partitioned to the TensorrtExecutionProvider", true)]
    [InlineData("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : CUDA failure 2: out of memory", false)]
    public void GraphCaptureRefused_OrtsOwnWording_Recognised(string message, bool refused)
    {
        Assert.Equal(refused, OnnxRuntimeRunner.GraphCaptureRefused(message));
    }

    private static float[] Floats(byte[] bytes) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();

    /// <summary>
    /// One convolution whose output keeps the input's spatial size, with H and W of the input declared symbolic: the
    /// output (batch x 8 x H x W) has dimensions ORT knows only after a run, even with its shape inference.
    /// </summary>
    private string WriteConvWithSymbolicSpatialSize()
    {
        var builder = new GraphBuilder("conv-symbolic", new ModelBuildOptions(TinyModel.Resolution));
        var image = builder.Input(Zoo.InputName, 3, TinyModel.Resolution, TinyModel.Resolution);
        builder.Output(builder.Conv2d(image, 8, 3), Zoo.OutputName);
        var model = builder.Build([]);
        foreach (var value in new[] { model.Graph.Input[0], model.Graph.Output[0] })
        {
            value.Type.TensorType.Shape.Dim[2].DimParam = "height";
            value.Type.TensorType.Shape.Dim[3].DimParam = "width";
        }

        var path = Path.Combine(Path.GetDirectoryName(models.LowFormerB0)!, $"conv-symbolic-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }
}
