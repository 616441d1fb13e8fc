using LowFormerBench.Core.Regression;

namespace LowFormerBench.Core.Queries;

/// <summary>One configuration's median latency per campaign, oldest first, with the change points ED-PELT finds in it.</summary>
public sealed record ResultHistory(RowKey Key, IReadOnlyList<HistoryPoint> Points, IReadOnlyList<ChangePoint> Changes);
