using System.Diagnostics;

namespace LowFormerBench.FunctionalTests;

/// <summary>
/// The README's linux-arm64 publish command, run once per test run: <c>dotnet publish agents/LowFormerBench.Agent -c Release
/// -r linux-arm64 --self-contained</c> into artifacts/ (ignored by git; incremental, so a second run mostly checks it is
/// up to date).
/// </summary>
internal static class ArmAgentBuild
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _published;

    public static async Task<string> PublishAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_published is not null)
            {
                return _published;
            }

            var output = Path.Combine(LfbProcess.RepositoryRoot, "artifacts", "agent-linux-arm64");
            var start = new ProcessStartInfo("dotnet", ["publish", "agents/LowFormerBench.Agent", "-c", "Release", "-r", "linux-arm64", "--self-contained", "-o", output, "-nologo"])
            {
                WorkingDirectory = LfbProcess.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish -r linux-arm64 failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
            }

            _published = output;
            return output;
        }
        finally
        {
            Gate.Release();
        }
    }
}
