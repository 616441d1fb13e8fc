using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace LowFormerBench.FunctionalTests;

/// <summary>
/// deploy/ checked as far as this machine can without a Docker engine or a cluster: systemd's own verifier on the units,
/// the compose file and Kubernetes manifests parsed and their wiring checked, every Dockerfile COPY source present.
/// </summary>
public sealed partial class DeployTests
{
    private static readonly string Deploy = Path.Combine(LfbProcess.RepositoryRoot, "deploy");

    [Theory]
    [InlineData("lowformerbench-agent.service")]
    [InlineData("lowformerbench-coordinator.service")]
    public async Task SystemdUnit_SystemdAnalyzeVerify_Clean(string unit)
    {
        var (code, output) = await VerifyUnitAsync(File.ReadAllText(Path.Combine(Deploy, "systemd", unit)), unit);

        Assert.True(code == 0 && output.Length == 0, $"systemd-analyze verify {unit} exited {code}:\n{output}");
    }

    [Fact]
    public async Task SystemdVerify_MisspelledSetting_IsCaught()
    {
        // The control for the test above: the verifier, as run here, does report a bad value.
        var unit = File.ReadAllText(Path.Combine(Deploy, "systemd", "lowformerbench-agent.service"))
            .Replace("ProtectSystem=strict", "ProtectSystem=strikt", StringComparison.Ordinal);

        var (_, output) = await VerifyUnitAsync(unit, "broken.service");

        Assert.Contains("strikt", output, StringComparison.Ordinal);
    }

    [Fact]
    public void SystemdUnits_Hardened()
    {
        foreach (var unit in new[] { "lowformerbench-agent.service", "lowformerbench-coordinator.service" })
        {
            var text = File.ReadAllText(Path.Combine(Deploy, "systemd", unit));
            foreach (var setting in new[] { "Type=notify", "DynamicUser=yes", "ProtectSystem=strict", "NoNewPrivileges=yes", "PrivateTmp=yes", "Restart=on-failure" })
            {
                Assert.Contains(setting + "\n", text, StringComparison.Ordinal);
            }
        }

        Assert.Contains("RestartPreventExitStatus=2 3", File.ReadAllText(Path.Combine(Deploy, "systemd", "lowformerbench-agent.service")), StringComparison.Ordinal);
        Assert.Contains("ReadWritePaths=/var/lib/lowformerbench", File.ReadAllText(Path.Combine(Deploy, "systemd", "lowformerbench-coordinator.service")), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_CoordinatorAndTwoAgentsWiredToIt()
    {
        var compose = Load(Path.Combine(Deploy, "docker-compose.yml")).Single();
        var services = Map(compose, "services");

        Assert.Equal(["agent-1", "agent-2", "coordinator"], services.Children.Keys.Select(k => k.ToString()).Order());
        var coordinator = Map(services, "coordinator");
        Assert.Contains("5180:5180", Seq(coordinator, "ports").Select(p => p.ToString()));
        Assert.Contains(Seq(coordinator, "volumes").Select(v => v.ToString()), v => v.EndsWith(":/data", StringComparison.Ordinal));
        foreach (var name in new[] { "agent-1", "agent-2" })
        {
            var environment = Map(Map(services, name), "environment");
            Assert.Equal("http://coordinator:5180", Scalar(environment, "Agent__CoordinatorUrl"));
            Assert.Equal(name, Scalar(environment, "Agent__Name"));
            Assert.Contains("LFB_AGENT_TOKEN", Scalar(environment, "Agent__Token"), StringComparison.Ordinal);
        }

        foreach (var service in services.Children.Values.OfType<YamlMappingNode>().Where(s => s.Children.ContainsKey("build")))
        {
            var build = Map(service, "build");
            var context = Path.GetFullPath(Path.Combine(Deploy, Scalar(build, "context")));
            Assert.Equal(LfbProcess.RepositoryRoot.TrimEnd('/'), context.TrimEnd('/'));
            Assert.True(File.Exists(Path.Combine(context, Scalar(build, "dockerfile"))), Scalar(build, "dockerfile"));
        }
    }

    [Fact]
    public void Kubernetes_CoordinatorWithVolumeAndServiceAgentsOnGpuNodes()
    {
        var documents = Directory.EnumerateFiles(Path.Combine(Deploy, "kubernetes"), "*.yaml").SelectMany(Load).ToList();
        YamlMappingNode Kind(string kind) => documents.Single(d => Scalar(d, "kind") == kind);

        var statefulSet = Kind("StatefulSet");
        var podSpec = Map(Map(Map(statefulSet, "spec"), "template"), "spec");
        var claim = Assert.Single(Seq(Map(statefulSet, "spec"), "volumeClaimTemplates").OfType<YamlMappingNode>());
        var claimName = Scalar(Map(claim, "metadata"), "name");
        var coordinator = Assert.Single(Seq(podSpec, "containers").OfType<YamlMappingNode>());
        Assert.Contains(Seq(coordinator, "volumeMounts").OfType<YamlMappingNode>(), m => Scalar(m, "name") == claimName && Scalar(m, "mountPath") == "/data");

        var service = Kind("Service");
        var podLabels = Map(Map(Map(Map(statefulSet, "spec"), "template"), "metadata"), "labels");
        foreach (var (key, value) in Map(Map(service, "spec"), "selector").Children)
        {
            Assert.Equal(value.ToString(), Scalar(podLabels, key.ToString()));
        }

        var servicePort = Assert.Single(Seq(Map(service, "spec"), "ports").OfType<YamlMappingNode>());
        Assert.Equal("5180", Scalar(servicePort, "port"));

        var daemonSet = Kind("DaemonSet");
        var agentPod = Map(Map(Map(daemonSet, "spec"), "template"), "spec");
        Assert.Equal("true", Scalar(Map(agentPod, "nodeSelector"), "nvidia.com/gpu.present"));
        Assert.Contains(Seq(agentPod, "tolerations").OfType<YamlMappingNode>(), t => Scalar(t, "key") == "nvidia.com/gpu");
        var agent = Assert.Single(Seq(agentPod, "containers").OfType<YamlMappingNode>());
        Assert.Equal("1", Scalar(Map(Map(agent, "resources"), "limits"), "nvidia.com/gpu"));
        var url = Seq(agent, "env").OfType<YamlMappingNode>().Single(e => Scalar(e, "name") == "Agent__CoordinatorUrl");
        Assert.Equal($"http://{Scalar(Map(service, "metadata"), "name")}:5180", Scalar(url, "value"));

        // Both read the token from the one secret the example creates.
        var secret = Scalar(Map(Kind("Secret"), "metadata"), "name");
        Assert.All(new[] { coordinator, agent }, c => Assert.Contains(
            Seq(c, "env").OfType<YamlMappingNode>().Where(e => e.Children.ContainsKey("valueFrom")),
            e => Scalar(Map(Map(e, "valueFrom"), "secretKeyRef"), "name") == secret));
    }

    [Fact]
    public void GpuAgent_CudaThirteenCudnnNineImageGpuFlavorAndAWholeGpuInComposeAndKubernetes()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Deploy, "docker", "agent-gpu.Dockerfile"));
        Assert.Matches(@"ARG CUDA_IMAGE=nvidia/cuda:13\.\d+\.\d+-cudnn-runtime-", dockerfile);
        Assert.Contains("FROM ${CUDA_IMAGE}", dockerfile, StringComparison.Ordinal);
        Assert.Contains("-p:OnnxRuntimeFlavor=Gpu", dockerfile, StringComparison.Ordinal);

        var compose = Load(Path.Combine(Deploy, "docker-compose.gpu.yml")).Single();
        var gpu = Map(Map(compose, "services"), "agent-gpu");
        Assert.Equal("deploy/docker/agent-gpu.Dockerfile", Scalar(Map(gpu, "build"), "dockerfile"));
        var device = Assert.Single(Seq(Map(Map(Map(gpu, "deploy"), "resources"), "reservations"), "devices").OfType<YamlMappingNode>());
        Assert.Equal("nvidia", Scalar(device, "driver"));
        Assert.Contains("gpu", Seq(device, "capabilities").Select(c => c.ToString()));
        Assert.Equal("http://coordinator:5180", Scalar(Map(gpu, "environment"), "Agent__CoordinatorUrl"));
        // It joins the farm of docker-compose.yml: the coordinator it depends on is defined there.
        Assert.Contains("coordinator", Seq(gpu, "depends_on").Select(c => c.ToString()));
        Assert.True(Map(Load(Path.Combine(Deploy, "docker-compose.yml")).Single(), "services").Children.ContainsKey("coordinator"));

        var daemonSet = Directory.EnumerateFiles(Path.Combine(Deploy, "kubernetes"), "*.yaml").SelectMany(Load).Single(d => Scalar(d, "kind") == "DaemonSet");
        var agent = Assert.Single(Seq(Map(Map(Map(daemonSet, "spec"), "template"), "spec"), "containers").OfType<YamlMappingNode>());
        Assert.StartsWith("lowformerbench/agent-gpu", Scalar(agent, "image"), StringComparison.Ordinal);
        Assert.Equal("1", Scalar(Map(Map(agent, "resources"), "limits"), "nvidia.com/gpu"));
    }

    [Theory]
    [InlineData("coordinator.Dockerfile", "/app/lfb")]
    [InlineData("agent.Dockerfile", "/app/LowFormerBench.Agent")]
    [InlineData("agent-gpu.Dockerfile", "/app/LowFormerBench.Agent")]
    public void Dockerfile_CopySourcesExistAndEntrypointIsWhatPublishMakes(string dockerfile, string entrypoint)
    {
        var text = File.ReadAllText(Path.Combine(Deploy, "docker", dockerfile));
        var copies = CopyLine().Matches(text).Select(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

        Assert.NotEmpty(copies);
        foreach (var copy in copies.Where(c => !c[0].StartsWith("--from", StringComparison.Ordinal)))
        {
            foreach (var source in copy[..^1])
            {
                var path = Path.Combine(LfbProcess.RepositoryRoot, source);
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{dockerfile}: COPY source {source} is not in the repository");
            }
        }

        Assert.Contains(entrypoint, text, StringComparison.Ordinal);
        var published = PublishLine().Match(text);
        Assert.True(published.Success, $"{dockerfile} has no dotnet publish");
        Assert.True(Directory.Exists(Path.Combine(LfbProcess.RepositoryRoot, published.Groups[1].Value)), published.Groups[1].Value);
    }

    // systemd-analyze verify checks that ExecStart's binary exists and is executable, and resolves the units a service
    // depends on (sysinit.target...). So the unit is verified under a scratch root: the host's unit directory copied in and
    // an empty executable at each ExecStart path. Everything else is systemd's own parser, unchanged.
    private static async Task<(int Code, string Output)> VerifyUnitAsync(string unit, string name)
    {
        var systemUnits = new[] { "/usr/lib/systemd/system", "/lib/systemd/system" }.FirstOrDefault(Directory.Exists);
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/systemd-analyze") || systemUnits is null)
        {
            Assert.Skip("systemd-analyze and the host's unit directory are needed to verify the units (Debian: apt-get install -y systemd)");
        }

        var root = Directory.CreateTempSubdirectory("lfb-systemd-").FullName;
        try
        {
            CopyDirectory(systemUnits, Path.Combine(root, "usr/lib/systemd/system"));
            foreach (var binary in ExecStart().Matches(unit).Select(m => m.Groups[1].Value))
            {
                var path = Path.Combine(root, binary.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, "#!/bin/sh\n");
                if (OperatingSystem.IsLinux())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            Directory.CreateDirectory(Path.Combine(root, "etc/systemd/system"));
            await File.WriteAllTextAsync(Path.Combine(root, "etc/systemd/system", name), unit);
            var start = new ProcessStartInfo("systemd-analyze", ["verify", "--man=no", "--generators=no", $"--root={root}", $"/etc/systemd/system/{name}"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            // Units only; the host's links (aliases, .wants) add nothing to verifying ours.
            if (!new FileInfo(file).Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }
        }
    }

    private static List<YamlMappingNode> Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode map ? map : throw new KeyNotFoundException($"no mapping '{key}'");

    private static IEnumerable<YamlNode> Seq(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlSequenceNode seq ? seq.Children : throw new KeyNotFoundException($"no list '{key}'");

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode scalar ? scalar.Value ?? "" : throw new KeyNotFoundException($"no value '{key}'");

    [GeneratedRegex(@"^COPY\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();

    [GeneratedRegex(@"dotnet publish (\S+)")]
    private static partial Regex PublishLine();

    [GeneratedRegex(@"^ExecStart=(\S+)", RegexOptions.Multiline)]
    private static partial Regex ExecStart();
}
