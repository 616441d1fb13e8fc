using System.Runtime.InteropServices;

namespace LowFormerBench.Measurement.ExecutionProviders;

/// <summary>
/// One shared library a GPU provider loads when a session is created on it, with what it is part of (the NVIDIA driver,
/// CUDA 13, cuDNN 9, TensorRT 10) and any of the sonames that will do.
/// </summary>
/// <param name="Part">"NVIDIA driver", "CUDA 13", "cuDNN 9" or "TensorRT 10": what the operator installs.</param>
/// <param name="Names">Sonames tried in order; the first that loads satisfies it.</param>
public sealed record GpuLibrary(string Part, IReadOnlyList<string> Names)
{
    public string Display => Names[0];
}

/// <summary>
/// What ONNX Runtime 1.32's GPU build needs on the machine (readelf -d of libonnxruntime_providers_cuda.so and
/// _tensorrt.so in Microsoft.ML.OnnxRuntime.Gpu.Linux 1.32.0; cuDNN 9 is opened at run time, not linked), checked before a session is created: ORT itself reports a
/// missing one as a dlopen error inside a provider bridge, long after a 289 MB library was mapped, and never says what
/// to install. Here the driver comes first, since without it no CUDA library helps.
/// </summary>
public static class GpuLibraries
{
    public const string Driver = "NVIDIA driver";
    public const string Cuda = "CUDA 13";
    public const string CuDnn = "cuDNN 9";
    public const string TensorRt = "TensorRT 10";

    public static IReadOnlyList<GpuLibrary> ForCuda { get; } =
    [
        new(Driver, ["libcuda.so.1", "nvcuda.dll"]),
        new(Cuda, ["libcudart.so.13", "cudart64_13.dll"]),
        new(Cuda, ["libcublas.so.13", "cublas64_13.dll"]),
        new(Cuda, ["libcublasLt.so.13", "cublasLt64_13.dll"]),
        new(Cuda, ["libcurand.so.10", "curand64_10.dll"]),
        new(CuDnn, ["libcudnn.so.9", "cudnn64_9.dll"]),
    ];

    /// <summary>TensorRT runs on top of CUDA (its fallback and its own kernels need the same libraries) and adds nvinfer.</summary>
    public static IReadOnlyList<GpuLibrary> ForTensorRt { get; } =
    [
        .. ForCuda,
        new(TensorRt, ["libnvinfer.so.10", "nvinfer_10.dll"]),
        new(TensorRt, ["libnvonnxparser.so.10", "nvonnxparser_10.dll"]),
    ];

    /// <summary>Loads a library by name the way the provider's dlopen would (library path, LD_LIBRARY_PATH, ldconfig cache).</summary>
    public static bool CanLoad(string name)
    {
        if (!NativeLibrary.TryLoad(name, out var handle))
        {
            return false;
        }

        NativeLibrary.Free(handle);
        return true;
    }

    /// <summary>The libraries none of whose names loads, in the order given (the driver first).</summary>
    public static IReadOnlyList<GpuLibrary> Missing(IReadOnlyList<GpuLibrary> needed, Func<string, bool>? canLoad = null)
    {
        var load = canLoad ?? CanLoad;
        return [.. needed.Where(library => !library.Names.Any(load))];
    }

    /// <summary>
    /// What is missing and what to do, for one provider; null when everything loads. Names every missing library, so one
    /// run tells the operator the whole list.
    /// </summary>
    public static string? Diagnose(string provider, IReadOnlyList<GpuLibrary> needed, Func<string, bool>? canLoad = null)
    {
        var missing = Missing(needed, canLoad);
        if (missing.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (missing.Any(m => m.Part == Driver))
        {
            parts.Add("no NVIDIA driver (libcuda.so.1 was not found: this machine has no NVIDIA GPU, or its driver is not installed, " +
                      "or a container was started without the NVIDIA container runtime: docker run --gpus all)");
        }

        foreach (var group in missing.Where(m => m.Part != Driver).GroupBy(m => m.Part))
        {
            parts.Add($"{group.Key} libraries not found: {string.Join(", ", group.Select(m => m.Display))}");
        }

        return $"{provider} cannot start on this machine: {string.Join("; ", parts)}. " + Advice(missing);
    }

    private static string Advice(IReadOnlyList<GpuLibrary> missing)
    {
        var advice = new List<string>();
        if (missing.Any(m => m.Part == Driver))
        {
            advice.Add("install the NVIDIA driver (nvidia-smi must work)");
        }

        if (missing.Any(m => m.Part is Cuda or CuDnn))
        {
            advice.Add("install the CUDA 13 runtime libraries and cuDNN 9 (the nvidia/cuda:13.0.x-cudnn-runtime image has both, as do the " +
                       "nvidia-* CUDA 13 wheels a PyTorch cu130 install brings) and put their folders in LD_LIBRARY_PATH");
        }

        if (missing.Any(m => m.Part == TensorRt))
        {
            advice.Add("install TensorRT 10 (libnvinfer) for the TensorRT provider, or measure with the cuda provider");
        }

        advice.Add("or measure with --provider cpu. `lfb providers` lists what this machine can run");
        return "To fix: " + string.Join("; ", advice) + ".";
    }
}
