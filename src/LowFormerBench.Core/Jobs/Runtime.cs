namespace LowFormerBench.Core.Jobs;

/// <summary>
/// What executes the graph (ARCHITECTURE.md, vocabulary): ONNX Runtime with its execution provider, or PyTorch through the
/// agent's worker, on the same graph. <c>default(Runtime)</c> is ONNX Runtime, so rows and jobs from before runtimes
/// existed read as what they were.
/// </summary>
public readonly struct Runtime : IEquatable<Runtime>
{
    public const string OnnxRuntimeName = "onnxruntime";
    public const string TorchScriptName = "torchscript";
    public const string TorchEagerName = "torch-eager";
    public const string TorchCompileName = "torch-compile";

    private readonly string? name;

    private Runtime(string name) => this.name = name;

    public static Runtime OnnxRuntime => default;

    /// <summary>torch.jit.script, freeze, optimize_for_inference: the LowFormer paper's pipeline.</summary>
    public static Runtime TorchScript { get; } = new(TorchScriptName);

    public static Runtime TorchEager { get; } = new(TorchEagerName);

    /// <summary>torch.compile; torch 2.x only, so an agent advertises it only where its torch has it.</summary>
    public static Runtime TorchCompile { get; } = new(TorchCompileName);

    public static IReadOnlyList<Runtime> All { get; } = [OnnxRuntime, TorchScript, TorchEager, TorchCompile];

    public string Name => name ?? OnnxRuntimeName;

    /// <summary>Runs in the PyTorch worker rather than in process.</summary>
    public bool IsTorch => Name != OnnxRuntimeName;

    public static bool TryParse(string? text, out Runtime runtime)
    {
        var trimmed = text?.Trim().ToLowerInvariant();
        runtime = All.FirstOrDefault(r => r.Name == trimmed || (trimmed == "ort" && r.Name == OnnxRuntimeName));
        return trimmed is not null && runtime.Name == (trimmed == "ort" ? OnnxRuntimeName : trimmed);
    }

    /// <summary>Parses a name; an unknown one throws with the list of known names.</summary>
    public static Runtime Parse(string? text) =>
        TryParse(text, out var runtime)
            ? runtime
            : throw new ArgumentException($"unknown runtime '{text}'; the runtimes are {string.Join(", ", All.Select(r => r.Name))}", nameof(text));

    /// <summary>An empty or missing wire value means ONNX Runtime (messages from before runtimes existed).</summary>
    public static Runtime FromWire(string? text) => string.IsNullOrEmpty(text) ? OnnxRuntime : Parse(text);

    public bool Equals(Runtime other) => Name == other.Name;

    public override bool Equals(object? obj) => obj is Runtime other && Equals(other);

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Name;

    public static bool operator ==(Runtime left, Runtime right) => left.Equals(right);

    public static bool operator !=(Runtime left, Runtime right) => !left.Equals(right);
}
