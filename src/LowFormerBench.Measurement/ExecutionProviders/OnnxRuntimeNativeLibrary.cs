using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace LowFormerBench.Measurement.ExecutionProviders;

/// <summary>
/// Which libonnxruntime the managed API calls into. By default the one the NuGet package ships (a CPU build); a
/// device may have its own (JetPack's GPU build on a Jetson, a CUDA/TensorRT build on a desktop), chosen with
/// <see cref="Use"/> before the first ONNX Runtime call of the process.
/// </summary>
public static class OnnxRuntimeNativeLibrary
{
    // The name Microsoft.ML.OnnxRuntime's [DllImport]s use (NativeMethods.DllName).
    private const string ImportName = "onnxruntime";

    private static readonly Lock Gate = new();
    private static string? _override;

    /// <summary>The library given to <see cref="Use"/>, or null for the packaged one.</summary>
    public static string? OverridePath
    {
        get
        {
            lock (Gate)
            {
                return _override;
            }
        }
    }

    /// <summary>
    /// Loads <paramref name="path"/> and routes every ONNX Runtime P/Invoke of this process to it. Call once, before
    /// anything touches ONNX Runtime (the resolver cannot be changed after the first call binds).
    /// </summary>
    /// <exception cref="NativeLibraryException">The file is missing, does not load (wrong architecture, missing
    /// CUDA libraries), is not ONNX Runtime, or another library was chosen already.</exception>
    public static void Use(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        lock (Gate)
        {
            if (_override is not null)
            {
                if (_override == full)
                {
                    return;
                }

                throw new NativeLibraryException($"ONNX Runtime native library {full} cannot be used: this process already uses {_override}.");
            }

            if (!File.Exists(full))
            {
                throw new NativeLibraryException(
                    $"ONNX Runtime native library {full} is not a file: point it at the device's libonnxruntime.so " +
                    "(JetPack's build on a Jetson), or leave it unset for the packaged CPU build.");
            }

            IntPtr handle;
            try
            {
                handle = NativeLibrary.Load(full);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                // dlopen's own message says why: wrong ELF class or machine, or a dependency (libcudart, libnvinfer) not found.
                throw new NativeLibraryException(
                    $"ONNX Runtime native library {full} does not load on this device ({RuntimeInformation.ProcessArchitecture}): {e.Message}. " +
                    "Check it is built for this architecture and that its dependencies (CUDA, cuDNN, TensorRT) are on the library path.");
            }

            if (!NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out _))
            {
                NativeLibrary.Free(handle);
                throw new NativeLibraryException($"{full} loads but is not ONNX Runtime: it has no OrtGetApiBase export.");
            }

            try
            {
                NativeLibrary.SetDllImportResolver(typeof(OrtEnv).Assembly, (name, _, _) =>
                    name == ImportName || name.StartsWith("libonnxruntime", StringComparison.Ordinal) ? handle : IntPtr.Zero);
            }
            catch (InvalidOperationException)
            {
                NativeLibrary.Free(handle);
                throw new NativeLibraryException(
                    $"ONNX Runtime native library {full} was given after this process had set up ONNX Runtime; choose it at start-up.");
            }

            _override = full;
        }
    }

    /// <summary>
    /// The file the process really has mapped as ONNX Runtime (from /proc/self/maps), so a result says which build measured
    /// it; the override or the runtime's name when the maps cannot be read (not Linux), "" before ONNX Runtime was loaded.
    /// </summary>
    public static string LoadedPath
    {
        get
        {
            var mapped = MappedLibraries().FirstOrDefault(p => Path.GetFileName(p).StartsWith("libonnxruntime.so", StringComparison.Ordinal)
                                                               || (OverridePath is { } o && p == o));
            return mapped ?? OverridePath ?? string.Empty;
        }
    }

    private static IEnumerable<string> MappedLibraries()
    {
        string[] lines;
        try
        {
            lines = File.Exists("/proc/self/maps") ? File.ReadAllLines("/proc/self/maps") : [];
        }
        catch (IOException)
        {
            yield break;
        }

        // "7f1c2a000000-7f1c2a200000 r-xp 00000000 08:01 1234   /path/lib.so": the path is the sixth field and may hold spaces.
        foreach (var line in lines)
        {
            var slash = line.IndexOf(" /", StringComparison.Ordinal);
            if (slash > 0)
            {
                yield return line[(slash + 1)..].Trim();
            }
        }
    }
}

/// <summary>The device's ONNX Runtime native library cannot be used; the message says why and what to do.</summary>
public sealed class NativeLibraryException(string message) : MeasurementSetupException(message);
