namespace Collapse.Theory.Metrics.SecondPass;

/// <summary>Per-thread buffers of <see cref="SampleBlock"/> (grown on demand, never shrunk).</summary>
public sealed class SampleScratch
{
    internal float[] X32 = [];
    internal double[] Centred = [];
    internal float[] Scores32 = [];
    internal double[] Scores64 = [];
    internal double[] Projected = [];
    internal double[] Logits = [];
    internal double[] Norms = [];
    internal double[] Row = [];
    internal double[] Reference = [];

    internal static T[] Ensure<T>(ref T[] a, long n)
    {
        if (a.Length < n) a = new T[checked((int)Math.Max(n, a.Length + a.Length / 2))];
        return a;
    }
}
