namespace LowFormerBench.Bench.Measurement;

/// <summary>Files the measurement benches need, found from the repository root (the folder holding LowFormerBench.sln).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string PeerScript => Path.Combine(Root, "bench", "peers", "onnxruntime-node", "time-model.mjs");

    public static string PaddleOcrDetector =>
        Path.Combine(Root, "tests", "TestAssets", "third-party", "node_modules", "@gutenye", "ocr-models", "assets", "ch_PP-OCRv4_det_infer.onnx");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LowFormerBench.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the bench from inside the repository (no LowFormerBench.sln above the current folder)");
    }
}
