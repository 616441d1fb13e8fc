namespace LowFormerBench.ModelZoo.Probes;

/// <summary>A probe's input feature map per batch item: channels × resolution × resolution (NCHW).</summary>
public sealed record ProbeShape(int Channels, int Resolution)
{
    public long Elements => (long)Channels * Resolution * Resolution;

    public override string ToString() => $"{Channels}x{Resolution}x{Resolution}";
}
