using LowFormerBench.Core.Jobs;
using LowFormerBench.Core.Statistics;
using LowFormerBench.Measurement.ExecutionProviders;

namespace LowFormerBench.Measurement.Loop;

/// <summary>What to measure and how; the agent builds it from a job assignment, <c>lfb measure</c> from its flags.</summary>
/// <param name="ModelPath">ONNX file on local disk.</param>
/// <param name="Scenario">"latency" (per-inference distribution, usually batch 1) or "throughput" (images/s at batch N).</param>
/// <param name="Batch">Batch size for a symbolic batch dimension.</param>
/// <param name="Resolution">Input size for symbolic H and W; 0 keeps a model's fixed size.</param>
/// <param name="Precision">"fp32" or "fp16".</param>
/// <param name="Provider">Execution provider, full name or alias ("cpu", "cuda", "tensorrt", "xnnpack").</param>
/// <param name="ProviderOptions">Provider and session options; see <see cref="ProviderCatalog"/>.</param>
/// <param name="MinIterations">Timed iterations before the precision test.</param>
/// <param name="MaxIterations">Cap on timed iterations.</param>
/// <param name="TimeBudget">Cap on the timed window (default 10 s).</param>
/// <param name="WarmupBudget">Cap on warm-up (default 2 s).</param>
/// <param name="TargetCiHalfWidth">Stop when the 95% interval of the median is within this fraction of it.</param>
/// <param name="Profile">Also take an operator profile, in a separate pass after the timed window.</param>
/// <param name="ProfileRuns">Inferences the profile averages (after one cold run).</param>
/// <param name="Runtime">What executes the graph: ONNX Runtime (default) or a torch runtime in the PyTorch worker.</param>
public sealed record MeasurementRequest(
    string ModelPath,
    string Scenario = MeasurementRequest.Latency,
    int Batch = 1,
    int Resolution = 224,
    string Precision = MeasurementRequest.Fp32,
    string Provider = CpuProvider.ProviderName,
    IReadOnlyDictionary<string, string>? ProviderOptions = null,
    int MinIterations = StopRule.DefaultMinIterations,
    int MaxIterations = StopRule.DefaultMaxIterations,
    TimeSpan? TimeBudget = null,
    TimeSpan? WarmupBudget = null,
    double TargetCiHalfWidth = StopRule.DefaultTargetRelativeHalfWidth,
    bool Profile = false,
    int ProfileRuns = MeasurementRequest.DefaultProfileRuns,
    Runtime Runtime = default)
{
    public const int DefaultProfileRuns = 10;

    public const string Latency = "latency";
    public const string Throughput = "throughput";
    public const string Fp32 = "fp32";
    public const string Fp16 = "fp16";

    public StopRule StopRule => new(MinIterations, MaxIterations, TimeBudget ?? StopRule.DefaultTimeBudget, TargetCiHalfWidth);

    public WarmupRule WarmupRule => new(Budget: WarmupBudget ?? WarmupRule.DefaultBudget);

    /// <summary>Every problem at once, each naming the field to fix (the Aspire options-validation habit).</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            errors.Add($"{nameof(ModelPath)} is empty");
        }

        if (Scenario is not (Latency or Throughput))
        {
            errors.Add($"{nameof(Scenario)} must be '{Latency}' or '{Throughput}', got '{Scenario}'");
        }

        if (Precision is not (Fp32 or Fp16))
        {
            errors.Add($"{nameof(Precision)} must be '{Fp32}' or '{Fp16}', got '{Precision}'");
        }

        if (Batch < 1)
        {
            errors.Add($"{nameof(Batch)} must be at least 1, got {Batch}");
        }

        if (Resolution < 0)
        {
            errors.Add($"{nameof(Resolution)} must be positive, or 0 for the model's own, got {Resolution}");
        }

        if (MinIterations < 1 || MaxIterations < MinIterations)
        {
            errors.Add($"{nameof(MinIterations)} must be at least 1 and {nameof(MaxIterations)} at least {nameof(MinIterations)}, got {MinIterations} and {MaxIterations}");
        }

        if (TimeBudget is { } budget && budget <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(TimeBudget)} must be positive, got {budget}");
        }

        if (WarmupBudget is { } warmup && warmup <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(WarmupBudget)} must be positive, got {warmup}");
        }

        if (TargetCiHalfWidth is <= 0 or >= 1 || double.IsNaN(TargetCiHalfWidth))
        {
            errors.Add($"{nameof(TargetCiHalfWidth)} must be between 0 and 1 (a fraction of the median), got {TargetCiHalfWidth}");
        }

        if (ProfileRuns is < 1 or > 10_000)
        {
            errors.Add($"{nameof(ProfileRuns)} must be between 1 and 10000, got {ProfileRuns}");
        }

        if (Runtime.IsTorch && Profile)
        {
            errors.Add($"{nameof(Profile)}: operator profiles come from ONNX Runtime's profiler; runtime {Runtime} takes none");
        }

        if (errors.Count > 0)
        {
            throw new MeasurementRequestException(errors);
        }
    }
}
