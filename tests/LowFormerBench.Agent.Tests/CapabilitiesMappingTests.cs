using LowFormerBench.Agent.Connection;
using LowFormerBench.Measurement.Environment;

namespace LowFormerBench.Agent.Tests;

public sealed class CapabilitiesMappingTests
{
    private static readonly ProbedDevice Jetson = new(
        "arm64", "Ubuntu 22.04.4 LTS", "ARM Cortex-A78AE", 6, 8L << 30, "1.18.0",
        ["TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider"], Core.Devices.DeviceClass.MobileGpu,
        "", "", "NVIDIA Jetson Orin Nano Developer Kit", "NVIDIA Jetson Orin Nano Developer Kit", "orin-1", L4tRelease: "R36.3.0");

    [Fact]
    public void ToProto_Jetson_ClassProvidersAndL4tLabel()
    {
        var capabilities = Jetson.ToProto(new AgentOptions { Labels = { ["site"] = "lab" } });

        Assert.Equal("mobile-gpu", capabilities.DeviceClass);
        Assert.Equal("NVIDIA Jetson Orin Nano Developer Kit", capabilities.JetsonModel);
        Assert.Equal(["TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider"], capabilities.Providers);
        Assert.Equal("R36.3.0", capabilities.Labels["l4t"]);
        Assert.Equal("lab", capabilities.Labels["site"]);
    }

    [Fact]
    public void ToProto_OperatorLabel_WinsOverTheProbedOne()
    {
        var capabilities = Jetson.ToProto(new AgentOptions { Labels = { ["l4t"] = "R36.3-custom" } });

        Assert.Equal("R36.3-custom", capabilities.Labels["l4t"]);
    }

    [Fact]
    public void ToProto_NotAJetson_NoL4tLabel()
    {
        var capabilities = (Jetson with { L4tRelease = "" }).ToProto(new AgentOptions());

        Assert.False(capabilities.Labels.ContainsKey("l4t"));
    }
}
