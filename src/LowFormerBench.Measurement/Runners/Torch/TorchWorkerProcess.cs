using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LowFormerBench.Measurement.Runners.Torch;

/// <summary>
/// One PyTorch worker process and its line-JSON conversation (agents/torch-worker/README.md): a request per line on its
/// stdin, a reply per line on its stdout, one at a time. Every reply is awaited under a deadline; a worker that exits,
/// hangs or answers with something that is not its reply is killed and the request fails with what was seen.
/// </summary>
public sealed class TorchWorkerProcess : IDisposable
{
    /// <summary>Longest reply line accepted (a run reply of 100,000 times is about 1.2 MB).</summary>
    public const int MaxReplyChars = 4 * 1024 * 1024;

    private readonly Process process;
    private readonly StderrTail stderr = new();
    private readonly CancellationTokenRegistration cancellation;
    private readonly CancellationToken cancellationToken;
    private readonly StringBuilder pending = new();
    private readonly char[] chunk = new char[8192];
    private int scanned;
    private long nextId;
    private bool broken;

    private TorchWorkerProcess(Process process, CancellationToken cancellationToken)
    {
        this.process = process;
        this.cancellationToken = cancellationToken;
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        process.BeginErrorReadLine();
        cancellation = cancellationToken.Register(Kill);
    }

    /// <summary>Starts the worker and reads its hello: torch version, devices and runtimes.</summary>
    /// <exception cref="TorchRequestException">python3 or the worker script is missing, or torch or onnx is not installed.</exception>
    public static (TorchWorkerProcess Worker, TorchWorkerInfo Info) Start(TorchWorkerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.Script))
        {
            throw new TorchRequestException($"the PyTorch worker script {options.Script} does not exist; set Agent:TorchWorkerScript to agents/torch-worker/{TorchWorkerOptions.ScriptName}");
        }

        var start = new ProcessStartInfo(options.Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(options.Script);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(Path.Combine(Path.GetTempPath(), "lfb-torch-worker"));
        if (options.MemoryLimitMb > 0)
        {
            start.ArgumentList.Add("--memory-limit-mb");
            start.ArgumentList.Add(options.MemoryLimitMb.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Python's own output is flushed per line (-u); the worker's threads follow the loop's request, not OMP's guess.
        start.Environment["PYTHONUNBUFFERED"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new TorchRequestException($"could not start {options.Interpreter}");
        }
        catch (Win32Exception e)
        {
            throw new TorchRequestException(
                $"could not start the PyTorch worker with '{options.Interpreter}' ({e.Message}); install python3 with torch and onnx " +
                "(Debian: apt-get install python3-torch python3-onnx) or point Agent:TorchPython at an interpreter that has them");
        }

        var worker = new TorchWorkerProcess(process, cancellationToken);
        try
        {
            var hello = worker.Request(new JsonObject { ["op"] = "hello" }, options.Start, "hello");
            return (worker, TorchWorkerInfo.FromHello(hello));
        }
        catch
        {
            worker.Dispose();
            throw;
        }
    }

    public int ProcessId => process.Id;

    /// <summary>Sends one request and waits for its reply; an ok=false reply throws by its kind.</summary>
    public JsonObject Request(JsonObject request, TimeSpan deadline, string what)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (broken)
        {
            throw new TorchWorkerException("the PyTorch worker was stopped after an earlier failure");
        }

        var id = ++nextId;
        request["id"] = id;
        try
        {
            process.StandardInput.WriteLine(request.ToJsonString());
            process.StandardInput.Flush();
        }
        catch (IOException e)
        {
            throw Fail($"the PyTorch worker is gone before '{what}' ({ExitText()})", e);
        }

        var line = ReadLine(deadline, what);
        JsonObject reply;
        try
        {
            reply = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            throw Fail($"the PyTorch worker answered '{what}' with something that is not a JSON reply: '{Clip(line)}'");
        }

        if (reply["id"]?.GetValueKind() != JsonValueKind.Number || reply["id"]!.GetValue<long>() != id)
        {
            throw Fail($"the PyTorch worker answered '{what}' with a reply to another request: '{Clip(line)}'");
        }

        if (reply["ok"]?.GetValueKind() == JsonValueKind.True)
        {
            return reply;
        }

        throw Refusal(reply, what);
    }

    private string ReadLine(TimeSpan deadline, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        string? line;
        try
        {
            line = ReadBoundedLineAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            broken = true;
            Kill();
            throw new OperationCanceledException($"measurement cancelled while the PyTorch worker ran '{what}'", cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw Fail($"the PyTorch worker did not answer '{what}' within {deadline.TotalSeconds:0.#} s; it was stopped (pid {process.Id})");
        }

        return line ?? throw Fail($"the PyTorch worker exited during '{what}' ({ExitText()})");
    }

    private async ValueTask<string?> ReadBoundedLineAsync(CancellationToken token)
    {
        while (true)
        {
            for (var i = scanned; i < pending.Length; i++)
            {
                if (pending[i] == '\n')
                {
                    var line = pending.ToString(0, i);
                    pending.Remove(0, i + 1);
                    scanned = 0;
                    return line;
                }
            }

            scanned = pending.Length;
            if (pending.Length > MaxReplyChars)
            {
                throw Fail($"the PyTorch worker printed a line longer than {MaxReplyChars} characters");
            }

            var read = await process.StandardOutput.ReadAsync(chunk.AsMemory(), token);
            if (read == 0)
            {
                return null;
            }

            pending.Append(chunk, 0, read);
        }
    }

    private Exception Refusal(JsonObject reply, string what)
    {
        var error = reply["error"]?.GetValueKind() == JsonValueKind.String ? reply["error"]!.GetValue<string>() : "no reason given";
        var kind = reply["kind"]?.GetValueKind() == JsonValueKind.String ? reply["kind"]!.GetValue<string>() : "internal";
        return kind switch
        {
            "unsupported-operator" => new UnsupportedOperatorException(
                reply["operator"]?.GetValueKind() == JsonValueKind.String ? reply["operator"]!.GetValue<string>() : "?", error),
            "out-of-memory" => new TorchOutOfMemoryException($"the PyTorch worker ran out of memory during '{what}': {Clip(error)}"),
            "bad-request" or "torch-missing" => new TorchRequestException($"the PyTorch worker refused '{what}': {Clip(error)}"),
            _ => new TorchWorkerException($"the PyTorch worker failed '{what}': {Clip(error)}"),
        };
    }

    private TorchWorkerException Fail(string message, Exception? inner = null)
    {
        broken = true;
        Kill();
        var tail = stderr.Text();
        return new TorchWorkerException(tail.Length > 0 ? $"{message}; its last output: {tail}" : message, inner);
    }

    private string ExitText()
    {
        if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            return "still running";
        }

        process.WaitForExit();
        return process.ExitCode switch
        {
            137 or -9 => "killed with SIGKILL, often the kernel's out-of-memory killer",
            var code when code < 0 || code > 128 => $"killed by signal {(code > 128 ? code - 128 : -code)}",
            var code => $"exit code {code}",
        };
    }

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "...";

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Asks the worker to exit, and kills it if it does not within a second.</summary>
    public void Dispose()
    {
        cancellation.Dispose();
        if (!broken && !process.HasExited)
        {
            try
            {
                process.StandardInput.WriteLine("{\"op\":\"exit\"}");
                process.StandardInput.Flush();
            }
            catch (IOException)
            {
                // It went on its own.
            }
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(1)))
        {
            Kill();
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }

        process.Dispose();
    }

    /// <summary>The worker's last lines on stderr, kept for error messages (a traceback names what went wrong).</summary>
    private sealed class StderrTail
    {
        private const int MaxLines = 8;
        private readonly Queue<string> lines = new();

        public void Add(string? line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return;
            }

            lock (lines)
            {
                lines.Enqueue(line.Length > 400 ? line[..400] : line);
                while (lines.Count > MaxLines)
                {
                    lines.Dequeue();
                }
            }
        }

        public string Text()
        {
            lock (lines)
            {
                return string.Join(" | ", lines);
            }
        }
    }
}
