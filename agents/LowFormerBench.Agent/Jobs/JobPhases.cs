namespace LowFormerBench.Agent.Jobs;

/// <summary>The phases a job reports in <c>JobProgress.phase</c>, in order; watchers show them as they come.</summary>
public static class JobPhases
{
    public const string Fetching = "fetching";
    public const string Preparing = "preparing";
    public const string Warming = "warming";
    public const string Measuring = "measuring";
    public const string Profiling = "profiling";
    public const string Reporting = "reporting";
}
