using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Collapse.Theory.Numerics;

/// <summary>
/// SIMD scans over one row of values (a row of logits or of nearest-centre scores): max, min, first index of a value,
/// element-wise running minimum, and Σ exp(x_j − shift). No allocations; NaN handling is stated per method.
/// </summary>
public static class VectorRow
{
    private static int Lanes => Vector512<double>.Count;

    /// <summary>max_j x_j (−∞ for an empty row; a NaN anywhere may or may not be returned: callers check finiteness first).</summary>
    public static double Max(ReadOnlySpan<double> x)
    {
        var j = 0;
        var acc = Vector512.Create(double.NegativeInfinity);
        for (; j + Lanes <= x.Length; j += Lanes) acc = Vector512.Max(acc, Vector512.Create(x.Slice(j, Lanes)));
        var m = double.NegativeInfinity;
        for (var l = 0; l < Lanes; l++) if (acc[l] > m) m = acc[l];
        for (; j < x.Length; j++) if (x[j] > m) m = x[j];
        return m;
    }

    /// <summary>min_j x_j (+∞ for an empty row).</summary>
    public static double Min(ReadOnlySpan<double> x)
    {
        var j = 0;
        var acc = Vector512.Create(double.PositiveInfinity);
        for (; j + Lanes <= x.Length; j += Lanes) acc = Vector512.Min(acc, Vector512.Create(x.Slice(j, Lanes)));
        var m = double.PositiveInfinity;
        for (var l = 0; l < Lanes; l++) if (acc[l] < m) m = acc[l];
        for (; j < x.Length; j++) if (x[j] < m) m = x[j];
        return m;
    }

    /// <summary>The first j with x_j == <paramref name="value"/>, or −1.</summary>
    public static int IndexOf(ReadOnlySpan<double> x, double value) => x.IndexOf(value);

    /// <summary>Number of j with x_j ≤ <paramref name="threshold"/>.</summary>
    public static int CountAtMost(ReadOnlySpan<double> x, double threshold)
    {
        var j = 0;
        var count = 0;
        var t = Vector512.Create(threshold);
        for (; j + Lanes <= x.Length; j += Lanes)
            count += BitOperationsPopCount(Vector512.LessThanOrEqual(Vector512.Create(x.Slice(j, Lanes)), t).ExtractMostSignificantBits());
        for (; j < x.Length; j++) if (x[j] <= threshold) count++;
        return count;
    }

    /// <summary>Number of j with x_j ≥ <paramref name="threshold"/>.</summary>
    public static int CountAtLeast(ReadOnlySpan<double> x, double threshold)
    {
        var j = 0;
        var count = 0;
        var t = Vector512.Create(threshold);
        for (; j + Lanes <= x.Length; j += Lanes)
            count += BitOperationsPopCount(Vector512.GreaterThanOrEqual(Vector512.Create(x.Slice(j, Lanes)), t).ExtractMostSignificantBits());
        for (; j < x.Length; j++) if (x[j] >= threshold) count++;
        return count;
    }

    /// <summary>g_j ← min(g_j, a − x_j) for every j (the class-pair margin update γ_yl ← min(γ_yl, z_y − z_l)).</summary>
    public static void MinOfDifference(Span<double> g, double a, ReadOnlySpan<double> x)
    {
        var j = 0;
        var av = Vector512.Create(a);
        for (; j + Lanes <= x.Length; j += Lanes)
            Vector512.Min(Vector512.Create(g.Slice(j, Lanes)), av - Vector512.Create(x.Slice(j, Lanes))).CopyTo(g.Slice(j, Lanes));
        for (; j < x.Length; j++)
        {
            var v = a - x[j];
            if (v < g[j]) g[j] = v;
        }
    }

    /// <summary>
    /// Σ_j exp((x_j − a) − m): the inner sum of the cross-entropy with a = z_y and m = max_{j≠y}(z_j − z_y); a −∞ entry
    /// contributes 0. Each term is formed exactly as the scalar formula ((x_j − a) − m, then exp), summed in 8 lanes.
    /// </summary>
    public static double SumExpShifted(ReadOnlySpan<double> x, double a, double m)
    {
        var j = 0;
        var acc = Vector512<double>.Zero;
        var av = Vector512.Create(a);
        var mv = Vector512.Create(m);
        for (; j + Lanes <= x.Length; j += Lanes)
            acc += FastExp.Exp((Vector512.Create(x.Slice(j, Lanes)) - av) - mv);
        var s = Vector512.Sum(acc);
        for (; j < x.Length; j++) s += Math.Exp((x[j] - a) - m);
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BitOperationsPopCount(ulong bits) => System.Numerics.BitOperations.PopCount(bits);
}
