namespace LowFormerBench.Agent.Jobs;

/// <summary>
/// Tells an allocation failure of ONNX Runtime or its device libraries (CUDA, cuDNN, cuBLAS, the arena) from other
/// errors by its message: the runtime throws one exception type for every failure. On a given device a batch that does
/// not fit fails the same way every time, so it is a permanent failure of that job, not a sign of a sick agent.
/// </summary>
internal static class OutOfMemoryErrors
{
    private static readonly string[] Signatures =
    [
        "Failed to allocate memory",
        "out of memory",
        "cudaErrorMemoryAllocation",
        "CUDNN_STATUS_ALLOC_FAILED",
        "CUBLAS_STATUS_ALLOC_FAILED",
        "bad_alloc",
        "bad allocation",
    ];

    public static bool Matches(Exception error) =>
        error is not OutOfMemoryException && Signatures.Any(s => error.Message.Contains(s, StringComparison.OrdinalIgnoreCase));
}
