namespace LowFormerBench.Measurement.Runners.Torch;

/// <summary>Where the PyTorch worker is and how long it may take; the agent binds them from Agent:Torch* keys.</summary>
/// <param name="Python">The interpreter with torch and onnx: a path or a name on PATH; null finds one (<see cref="DefaultPython"/>).</param>
/// <param name="WorkerScript">lfb_torch_worker.py; null for the copy shipped beside this assembly (torch-worker/).</param>
/// <param name="StartDeadline">For the worker to import torch and answer hello.</param>
/// <param name="LoadDeadline">For importing, scripting, freezing and the first inference of a model.</param>
/// <param name="ReplyDeadline">Slack on top of each run request's iterations.</param>
/// <param name="MinIterationDeadline">Least time allowed per iteration of a run request (10x the first inference when longer).</param>
/// <param name="MemoryLimitMb">Address-space limit for the worker (RLIMIT_AS); 0 for none.</param>
public sealed record TorchWorkerOptions(
    string? Python = null,
    string? WorkerScript = null,
    TimeSpan? StartDeadline = null,
    TimeSpan? LoadDeadline = null,
    TimeSpan? ReplyDeadline = null,
    TimeSpan? MinIterationDeadline = null,
    int MemoryLimitMb = 0)
{
    public const string ShippedFolder = "torch-worker";
    public const string ScriptName = "lfb_torch_worker.py";

    /// <summary>
    /// Debian's interpreter first: python3-torch installs into /usr/bin/python3's packages, and a python3 earlier on PATH
    /// (pyenv, a virtual environment) often lacks torch.
    /// </summary>
    public static string DefaultPython => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public string Interpreter => Python ?? DefaultPython;

    public string Script => WorkerScript ?? Path.Combine(AppContext.BaseDirectory, ShippedFolder, ScriptName);

    public TimeSpan Start => StartDeadline ?? TimeSpan.FromSeconds(60);

    public TimeSpan Load => LoadDeadline ?? TimeSpan.FromMinutes(10);

    public TimeSpan Reply => ReplyDeadline ?? TimeSpan.FromSeconds(30);

    public TimeSpan MinIteration => MinIterationDeadline ?? TimeSpan.FromSeconds(1);
}
