using System.Globalization;
using LowFormerBench.Core.Devices;
using LowFormerBench.Core.Queries;

namespace LowFormerBench.Dashboard.ViewModels;

/// <summary>The Agents page: connected agents first, then by name; the page reloads it on a timer.</summary>
public sealed class AgentsViewModel(IDashboardQueries queries, TimeProvider time)
{
    public IReadOnlyList<AgentRow> Agents { get; private set; } = [];

    public async Task LoadAsync(CancellationToken cancellationToken) => Show(await queries.ListAgentsAsync(cancellationToken));

    public void Show(IReadOnlyList<AgentView> agents)
    {
        var now = time.GetUtcNow();
        Agents = [.. agents.OrderBy(a => a.State == AgentState.Offline).ThenBy(a => a.Name, StringComparer.Ordinal).Select(a => AgentRow.From(a, now))];
    }
}

/// <summary>One agent as the table shows it.</summary>
public sealed record AgentRow(string Name, string State, string BadgeClass, string Device, string Arch, string Providers, string CurrentJob,
    string LastSeen, string? QuarantineReason, string Canary = "", bool CanaryDrifted = false, string Temperature = "")
{
    public static AgentRow From(AgentView a, DateTimeOffset now)
    {
        var c = a.Capabilities;
        var device = DeviceOf(c);
        var state = a.State.ToString().ToLowerInvariant();
        var badge = a.State switch
        {
            AgentState.Idle => "bg-success",
            AgentState.Busy => "bg-primary",
            AgentState.Draining => "bg-warning text-dark",
            AgentState.Quarantined => "bg-danger",
            _ => "bg-secondary",
        };
        return new AgentRow(a.Name, state, badge, device, c.Arch, string.Join(", ", c.Providers),
            a.CurrentJobId is { } job ? job.ToString(CultureInfo.InvariantCulture) : "", Ago(now - a.LastSeen), a.QuarantineReason,
            a.CanaryNote ?? "", a.CanaryDrifted, Celsius(a.TemperatureC));
    }

    /// <summary>"48.3 °C"; "n/a" where the agent is offline or its device has no thermal zone.</summary>
    public static string Celsius(double? celsius) => celsius is { } c ? c.ToString("0.0", CultureInfo.InvariantCulture) + " °C" : "n/a";

    /// <summary>What the agent measures on: the Jetson module, else the GPU, else the CPU with its cores (also the plots' legend).</summary>
    public static string DeviceOf(LowFormerBench.Core.Devices.DeviceCapabilities c) => c.JetsonModel ?? c.GpuName ?? $"{c.CpuModel} ({c.CpuCores} cores)";

    public static string Ago(TimeSpan span) => span.TotalSeconds switch
    {
        < 1 => "just now",
        < 120 => $"{(int)span.TotalSeconds} s ago",
        < 7200 => $"{(int)span.TotalMinutes} min ago",
        < 172800 => $"{(int)span.TotalHours} h ago",
        _ => $"{(int)span.TotalDays} d ago",
    };
}
