namespace LowFormerBench.Core.Results;

/// <summary>
/// What one result may carry. The samples bound is a setting (Coordinator:MaxSamplesPerResult); the others are sanity
/// bounds no real measurement comes near, so a hostile or broken agent cannot store nonsense or make later reads costly.
/// </summary>
public sealed record ResultLimits(int MaxSamples = ResultLimits.DefaultMaxSamples)
{
    /// <summary>1,000,000 samples (8 MB as doubles): a thousand times the default budget's 1,000 iterations.</summary>
    public const int DefaultMaxSamples = 1_000_000;

    /// <summary>An hour per inference: a sample above it is a broken clock or a made-up number.</summary>
    public const double MaxSampleMs = 3_600_000;

    /// <summary>A day for session creation or the first inference (a TensorRT engine build on a small board takes minutes).</summary>
    public const double MaxColdStartMs = 86_400_000;

    public const int MaxEnvironmentSnapshots = 16;

    public const int MaxFactsPerSnapshot = 1024;

    public const int MaxTextLength = 4096;

    /// <summary>4 MiB of operator-profile JSON; a ResNet-50 profile is tens of KB.</summary>
    public const int MaxOperatorProfileChars = 4 << 20;

    public static ResultLimits Default { get; } = new();
}
