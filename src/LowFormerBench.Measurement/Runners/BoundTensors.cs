using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LowFormerBench.Measurement.Runners;

/// <summary>
/// Inputs and outputs allocated once and bound to an <see cref="OrtIoBinding"/>, so every timed
/// iteration reuses the same memory: the loop times inference, not allocation (ARCHITECTURE.md).
/// In host memory by default; with a <see cref="IDeviceMemory"/> they are allocated with the session's
/// allocator for that device and the inputs are copied in once, so samples carry no host-device copies.
/// </summary>
internal sealed class BoundTensors : IDisposable
{
    // Fixed seed: the same bytes every run. Values do not change the speed of dense kernels, but zeros
    // and denormals can (sparse fast paths, slow floating-point assists), so inputs are uniform in [-1, 1).
    private const int InputSeed = 20240601;

    private readonly List<OrtValue> values = [];
    private readonly IDeviceMemory? device;
    private readonly OrtAllocator? allocator;

    private BoundTensors(OrtIoBinding binding, IDeviceMemory? device, OrtAllocator? allocator)
    {
        Binding = binding;
        this.device = device;
        this.allocator = allocator;
    }

    public OrtIoBinding Binding { get; }

    public List<string> InputShapes { get; } = [];

    /// <summary>Where inputs and outputs live, for messages: "host memory" or the device's name.</summary>
    public string Location => device?.Name ?? "host memory";

    /// <param name="session">The open session.</param>
    /// <param name="setup">Batch and resolution to feed.</param>
    /// <param name="device">Device memory to bind in, or null for host memory. Not owned.</param>
    /// <param name="graphCaptureOption">The option that turned graph capture on, or null: then every output needs a known shape.</param>
    public static BoundTensors Create(InferenceSession session, RunnerSetup setup, IDeviceMemory? device = null, string? graphCaptureOption = null)
    {
        OrtAllocator? allocator = null;
        OrtIoBinding? binding = null;
        try
        {
            allocator = device is null ? null : OpenAllocator(session, device);
            binding = session.CreateIoBinding();
        }
        catch
        {
            allocator?.Dispose();
            throw;
        }

        var bound = new BoundTensors(binding, device, allocator);
        try
        {
            var random = new Random(InputSeed);
            foreach (var (name, meta) in session.InputMetadata)
            {
                var shape = InputShape.Resolve(name, meta.Dimensions, meta.SymbolicDimensions, setup.Batch, setup.Resolution);
                var value = bound.CreateInput(name, meta.ElementDataType, shape, random);
                bound.values.Add(value);
                bound.Binding.BindInput(name, value);
                bound.InputShapes.Add(session.InputMetadata.Count == 1 ? InputShape.Format(shape) : $"{name}={InputShape.Format(shape)}");
            }

            foreach (var (name, meta) in session.OutputMetadata)
            {
                bound.BindOutput(name, meta, setup.Batch, graphCaptureOption);
            }

            return bound;
        }
        catch
        {
            bound.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The outputs of the last run as host bytes, by output name (copied back from the device where they live there).
    /// The timed loop never reads outputs; tests compare the device path with the host path through this.
    /// </summary>
    public IReadOnlyDictionary<string, byte[]> ReadOutputs()
    {
        var names = Binding.GetOutputNames();
        using var outputs = Binding.GetOutputValues();
        var read = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var source = outputs[i].GetTensorMutableRawData();
            var bytes = new byte[source.Length];
            if (device is null)
            {
                source.CopyTo(bytes);
            }
            else
            {
                device.CopyToHost(source, bytes);
            }

            read[names[i]] = bytes;
        }

        return read;
    }

    public void Dispose()
    {
        Binding.Dispose();
        foreach (var value in values)
        {
            value.Dispose();
        }

        // Values allocated with the session's allocator go back to it before the wrapper is released.
        allocator?.Dispose();
    }

    private static OrtAllocator OpenAllocator(InferenceSession session, IDeviceMemory device)
    {
        try
        {
            return new OrtAllocator(session, device.Info);
        }
        catch (OnnxRuntimeException e)
        {
            throw new DeviceBindingException(
                $"the session has no allocator for {device.Name} ({e.Message}); the provider that owns that memory did not load into the " +
                "session. Check the provider's libraries, or measure with io_binding=host.", e);
        }
    }

    /// <summary>Seeded values in [-1, 1) of the input's type, as host bytes: the same bytes whichever memory they end up in.</summary>
    private static byte[] SeededBytes(string name, TensorElementType type, int length, Random random)
    {
        switch (type)
        {
            case TensorElementType.Float:
                var floats = new float[length];
                for (var i = 0; i < length; i++)
                {
                    floats[i] = (float)(random.NextDouble() * 2 - 1);
                }

                return MemoryMarshal.AsBytes(floats.AsSpan()).ToArray();
            case TensorElementType.Float16:
                var halves = new Float16[length];
                for (var i = 0; i < length; i++)
                {
                    halves[i] = (Float16)(float)(random.NextDouble() * 2 - 1);
                }

                return MemoryMarshal.AsBytes(halves.AsSpan()).ToArray();
            default:
                throw new ModelInputException($"input '{name}' is {type}; the runner feeds float32 and float16 inputs only");
        }
    }

    private OrtValue CreateInput(string name, TensorElementType type, long[] shape, Random random)
    {
        var length = checked((int)shape.Aggregate(1L, (a, d) => a * d));
        var bytes = SeededBytes(name, type, length, random);
        var value = OrtValue.CreateAllocatedTensorValue(allocator ?? OrtAllocator.DefaultInstance, type, shape);
        try
        {
            if (device is null)
            {
                bytes.CopyTo(value.GetTensorMutableRawData());
            }
            else
            {
                device.CopyToDevice(bytes, value.GetTensorMutableRawData());
            }

            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Outputs whose shape is known after resolving the batch get a buffer now. Others (a symbolic
    /// dimension past the batch) are left to ORT's arena in the bound memory, which reuses its blocks;
    /// a captured CUDA graph cannot follow such an output to a new address, so graph capture refuses them.
    /// </summary>
    private void BindOutput(string name, NodeMetadata meta, int batch, string? graphCaptureOption)
    {
        var dims = meta.Dimensions;
        var known = meta.IsTensor && dims.Select((d, i) => d > 0 || i == 0).All(ok => ok);
        if (!known)
        {
            if (graphCaptureOption is not null)
            {
                var shape = string.Join(", ", dims.Select((d, i) => d > 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : i < meta.SymbolicDimensions.Length && meta.SymbolicDimensions[i].Length > 0 ? meta.SymbolicDimensions[i] : "?"));
                throw new DeviceBindingException(
                    $"{graphCaptureOption}=1 needs a fixed buffer for every output, but output '{name}' has shape [{shape}], known only after a run " +
                    $"(a symbolic dimension other than the batch); export the model with that dimension fixed, or set {graphCaptureOption}=0");
            }

            Binding.BindOutputToDevice(name, device?.Info ?? OrtMemoryInfo.DefaultInstance);
            return;
        }

        var resolved = dims.Select((d, i) => i == 0 && d <= 0 ? batch : (long)d).ToArray();
        var value = OrtValue.CreateAllocatedTensorValue(allocator ?? OrtAllocator.DefaultInstance, meta.ElementDataType, resolved);
        values.Add(value);
        Binding.BindOutput(name, value);
    }
}
