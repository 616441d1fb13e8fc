using System.Runtime.InteropServices;

namespace LowFormerBench.Measurement.Runners;

/// <summary>
/// The few CUDA runtime (libcudart) calls the device binding needs, loaded at run time: the managed ONNX Runtime API
/// allocates GPU memory but cannot copy host bytes into it. Wherever the CUDA provider works its libcudart is installed,
/// so one of the usual names loads.
/// </summary>
internal sealed class CudaRuntime
{
    public const int HostToDevice = 1;
    public const int DeviceToHost = 2;

    private static readonly Lock Gate = new();
    private static CudaRuntime? shared;

    private readonly string library;
    private readonly MemcpyFunction memcpy;
    private readonly DeviceFunction setDevice;
    private readonly SynchronizeFunction synchronize;
    private readonly ErrorStringFunction errorString;

    private CudaRuntime(string library, IntPtr handle)
    {
        this.library = library;
        memcpy = Export<MemcpyFunction>(handle, library, "cudaMemcpy");
        setDevice = Export<DeviceFunction>(handle, library, "cudaSetDevice");
        synchronize = Export<SynchronizeFunction>(handle, library, "cudaDeviceSynchronize");
        errorString = Export<ErrorStringFunction>(handle, library, "cudaGetErrorString");
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MemcpyFunction(ref byte destination, ref byte source, nuint count, int kind);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int DeviceFunction(int device);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SynchronizeFunction();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ErrorStringFunction(int error);

    /// <summary>Sonames of CUDA 13, 12 and 11 on Linux (the unversioned link first), then the Windows DLL names.</summary>
    public static IReadOnlyList<string> LibraryCandidates { get; } =
        ["libcudart.so", "libcudart.so.13", "libcudart.so.12", "libcudart.so.11.0", "cudart64_13.dll", "cudart64_12.dll", "cudart64_110.dll"];

    /// <summary>Loaded on first use; a failure is not remembered, so installing the runtime and retrying works.</summary>
    public static CudaRuntime Shared
    {
        get
        {
            lock (Gate)
            {
                return shared ??= Load(LibraryCandidates);
            }
        }
    }

    /// <summary>The first candidate that loads and has the calls; otherwise what was tried and what to do.</summary>
    public static CudaRuntime Load(IReadOnlyList<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, typeof(CudaRuntime).Assembly, null, out var handle))
            {
                return new CudaRuntime(candidate, handle);
            }
        }

        throw new DeviceBindingException(
            $"io_binding=device needs the CUDA runtime library to copy inputs into GPU memory, and none of {string.Join(", ", candidates)} " +
            "could be loaded. Install the CUDA runtime that the GPU build of ONNX Runtime was built against (libcudart, on the library path " +
            "or in LD_LIBRARY_PATH), or measure with io_binding=host.");
    }

    public void SetDevice(int device) => Check(setDevice(device), $"cudaSetDevice({device})");

    public void Synchronize() => Check(synchronize(), "cudaDeviceSynchronize");

    public void Copy(Span<byte> destination, ReadOnlySpan<byte> source, int kind)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes, source has {source.Length}", nameof(destination));
        }

        if (source.IsEmpty)
        {
            return;
        }

        Check(memcpy(ref MemoryMarshal.GetReference(destination), ref MemoryMarshal.GetReference(source), (nuint)source.Length, kind), "cudaMemcpy");
    }

    private static T Export<T>(IntPtr handle, string library, string name)
        where T : Delegate =>
        NativeLibrary.TryGetExport(handle, name, out var address)
            ? Marshal.GetDelegateForFunctionPointer<T>(address)
            : throw new DeviceBindingException(
                $"{library} was loaded as the CUDA runtime but has no {name}; it is not libcudart. Make the CUDA runtime's libcudart the first " +
                "on the library path, or measure with io_binding=host.");

    private void Check(int status, string call)
    {
        if (status != 0)
        {
            var text = Marshal.PtrToStringAnsi(errorString(status)) ?? "unknown error";
            throw new DeviceBindingException($"{call} failed in {library} with CUDA error {status} ({text}).");
        }
    }
}
