using LowFormerBench.Core.Probes;
using LowFormerBench.ModelZoo.Probes;

namespace LowFormerBench.Cli.Commands.Probe;

/// <summary><c>lfb probe --format json|csv</c>: one object per probe.</summary>
/// <param name="MacResidual">MACs / reference MACs − 1 (within ±0.02 for equal-MAC variants).</param>
/// <param name="Sizing">equal_macs (channels sized to the reference) or equal_shape.</param>
/// <param name="RatioBasis">per_gmac, or time where a probe has no MACs.</param>
public sealed record ProbeReport(
    string Probe,
    string Family,
    string Comparison,
    string Variant,
    string Reference,
    bool IsReference,
    string Detail,
    string Input,
    int Batch,
    ProbeSizing Sizing,
    long Macs,
    long Params,
    double MacResidual,
    double MedianMs,
    double MedianCiLowMs,
    double MedianCiHighMs,
    int Samples,
    bool StopRuleMet,
    double? MsPerGmac,
    double? RatioToReference,
    RatioBasis RatioBasis,
    string Provider);
