using System.Diagnostics;
using LowFormerBench.Core.Jobs;
using LowFormerBench.Measurement.Runners.Torch;
using LowFormerBench.Measurement.Tests.Runners;
using LowFormerBench.ModelZoo.Onnx;
using Xunit;

namespace LowFormerBench.Measurement.Tests.Runners.Torch;

/// <summary>
/// Workers that misbehave, as real processes: a script that answers hello like the worker and then crashes, hangs or
/// prints garbage. Each fails its request with a clear error, the process is gone afterwards, and a fresh real worker
/// then runs the model (the next job's restart).
/// </summary>
public sealed class TorchWorkerFaultTests(ZooModelFiles models) : IClassFixture<ZooModelFiles>, IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("lfb-fake-worker-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Hello = """
        import json, os, sys, time
        for line in sys.stdin:
            request = json.loads(line)
            if request["op"] == "hello":
                print(json.dumps({"id": request["id"], "ok": True, "protocol": 1, "torch": "fake", "python": "3",
                                  "devices": ["cpu"], "runtimes": ["torchscript"]}), flush=True)
                continue
        """;

    [Fact]
    public void Open_WorkerCrashesDuringLoad_FailsWithExitCode()
    {
        var error = Assert.Throws<TorchWorkerException>(() => Open(Fake("""
                print("Traceback: the worker fell over", file=sys.stderr, flush=True)
                os._exit(3)
            """)));

        Assert.Contains("exited during 'load'", error.Message, StringComparison.Ordinal);
        Assert.Contains("exit code 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("the worker fell over", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunTimed_WorkerHangs_KilledAtItsDeadline()
    {
        var script = Fake("""
                if request["op"] == "load":
                    print(json.dumps({"id": request["id"], "ok": True, "input_shapes": ["1x3x64x64"], "load_ns": 1, "first_ns": 1, "notes": []}), flush=True)
                else:
                    print(os.getpid(), file=sys.stderr, flush=True)
                    time.sleep(3600)
            """);
        using var runner = Open(script, new TorchWorkerOptions(WorkerScript: script, ReplyDeadline: TimeSpan.FromSeconds(1), MinIterationDeadline: TimeSpan.FromMilliseconds(100)));

        var error = Assert.Throws<TorchWorkerException>(() => runner.RunTimed(3));

        Assert.Contains("did not answer 'run' within 1.3 s; it was stopped", error.Message, StringComparison.Ordinal);
        var pid = int.Parse(error.Message.Split("(pid ")[1].Split(')')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Exited(pid), $"worker {pid} still runs after its deadline");
        Assert.Throws<TorchWorkerException>(() => runner.RunTimed(1));
    }

    [Fact]
    public void Open_WorkerPrintsGarbage_FailsQuotingIt()
    {
        var error = Assert.Throws<TorchWorkerException>(() => Open(Fake("""
                print("Segmentation fault? no: plain text on stdout", flush=True)
            """)));

        Assert.Contains("not a JSON reply: 'Segmentation fault? no: plain text on stdout'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_WorkerReportsOutOfMemory_FailsAsOutOfMemory()
    {
        var error = Assert.Throws<TorchOutOfMemoryException>(() => Open(Fake("""
                print(json.dumps({"id": request["id"], "ok": False, "kind": "out-of-memory", "error": "DefaultCPUAllocator: not enough memory"}), flush=True)
            """)));

        Assert.Contains("ran out of memory during 'load'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AfterACrashedWorker_AFreshWorkerRunsTheModel()
    {
        TorchAvailable.Require();
        Assert.Throws<TorchWorkerException>(() => Open(Fake("    os._exit(1)\n")));

        using var runner = TorchRunner.Open(
            TorchEqualityTests.Setup(models.Write("mobileone-s0", new ModelBuildOptions(Resolution: 64)), Runtime.TorchScript), new TorchWorkerOptions(), Ct);
        var times = runner.RunTimed(5);

        Assert.Equal(5, times.Count);
        Assert.All(times, t => Assert.True(t > 0));
        Assert.StartsWith("torch ", runner.RuntimeVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_OperatorTheImporterLacks_NamesItAndOnnxRuntime()
    {
        TorchAvailable.Require();
        var path = Path.Combine(folder.FullName, "celu.onnx");
        using (var process = Process.Start(new ProcessStartInfo(TorchWorkerOptions.DefaultPython, ["-c", $$"""
            import onnx
            from onnx import helper, TensorProto
            node = helper.make_node("Celu", ["x"], ["y"])
            graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 8])],
                                      [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3, 8, 8])])
            onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), "{{path}}")
            """]) { UseShellExecute = false })!)
        {
            process.WaitForExit();
        }

        var error = Assert.Throws<UnsupportedOperatorException>(() =>
            TorchRunner.Open(TorchEqualityTests.Setup(path, Runtime.TorchScript), new TorchWorkerOptions(), Ct).Dispose());

        Assert.Equal("Celu", error.Operator);
        Assert.Contains("runtime onnxruntime can", error.Message, StringComparison.Ordinal);
    }

    private TorchRunner Open(string script, TorchWorkerOptions? options = null) =>
        TorchRunner.Open(
            TorchEqualityTests.Setup(models.Write("mobileone-s0", new ModelBuildOptions(Resolution: 64)), Runtime.TorchScript),
            options ?? new TorchWorkerOptions(WorkerScript: script, ReplyDeadline: TimeSpan.FromSeconds(20)), Ct);

    private string Fake(string onOtherOps)
    {
        var path = Path.Combine(folder.FullName, $"worker-{Guid.NewGuid():N}.py");
        File.WriteAllText(path, Hello + "\n" + onOtherOps + "\n");
        return path;
    }

    private static bool Exited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    public void Dispose() => folder.Delete(recursive: true);
}
