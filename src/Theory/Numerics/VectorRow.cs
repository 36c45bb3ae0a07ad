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

    private static readonly Vector512<double> Negligible = Vector512.Create(-64.0);

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

    /// <summary>
    /// s_c = n2_c − 2·p_c for the K scores of one row (p from the float32 product, widened), and min_c s_c: the
    /// nearest-centre scores ‖μ_c‖² − 2h·μ_c in float64.
    /// </summary>
    public static double Scores(ReadOnlySpan<double> n2, ReadOnlySpan<float> p, Span<double> s)
    {
        var j = 0;
        var min = Vector512.Create(double.PositiveInfinity);
        var two = Vector512.Create(2.0);
        for (; j + 16 <= s.Length; j += 16)
        {
            var (lo, hi) = Vector512.Widen(Vector512.Create(p.Slice(j, 16)));
            var a = Vector512.Create(n2.Slice(j, 8)) - two * lo;
            var b = Vector512.Create(n2.Slice(j + 8, 8)) - two * hi;
            a.CopyTo(s.Slice(j, 8));
            b.CopyTo(s.Slice(j + 8, 8));
            min = Vector512.Min(min, Vector512.Min(a, b));
        }
        var m = double.PositiveInfinity;
        for (var l = 0; l < Lanes; l++) if (min[l] < m) m = min[l];
        for (; j < s.Length; j++)
        {
            s[j] = n2[j] - 2.0 * p[j];
            if (s[j] < m) m = s[j];
        }
        return m;
    }

    /// <summary>As <see cref="Scores(ReadOnlySpan{double}, ReadOnlySpan{float}, Span{double})"/> for a float64 product.</summary>
    public static double Scores(ReadOnlySpan<double> n2, ReadOnlySpan<double> p, Span<double> s)
    {
        var j = 0;
        var min = Vector512.Create(double.PositiveInfinity);
        var two = Vector512.Create(2.0);
        for (; j + Lanes <= s.Length; j += Lanes)
        {
            var a = Vector512.Create(n2.Slice(j, Lanes)) - two * Vector512.Create(p.Slice(j, Lanes));
            a.CopyTo(s.Slice(j, Lanes));
            min = Vector512.Min(min, a);
        }
        var m = double.PositiveInfinity;
        for (var l = 0; l < Lanes; l++) if (min[l] < m) m = min[l];
        for (; j < s.Length; j++)
        {
            s[j] = n2[j] - 2.0 * p[j];
            if (s[j] < m) m = s[j];
        }
        return m;
    }

    /// <summary>max_j x_j and whether every x_j is finite (a NaN or ±∞ makes Σ x_j·0 a NaN).</summary>
    public static (double Max, bool Finite) MaxAndFinite(ReadOnlySpan<double> x)
    {
        var j = 0;
        var acc = Vector512.Create(double.NegativeInfinity);
        var zero = Vector512<double>.Zero;
        for (; j + Lanes <= x.Length; j += Lanes)
        {
            var v = Vector512.Create(x.Slice(j, Lanes));
            acc = Vector512.Max(acc, v);
            zero += v * Vector512<double>.Zero;
        }
        var m = double.NegativeInfinity;
        var z = Vector512.Sum(zero);
        for (var l = 0; l < Lanes; l++) if (acc[l] > m) m = acc[l];
        for (; j < x.Length; j++)
        {
            if (x[j] > m) m = x[j];
            z += x[j] * 0;
        }
        return (m, z == 0);
    }

    /// <summary>max_j x_j and the number of j with x_j ≥ <paramref name="threshold"/> in one sweep.</summary>
    public static (double Max, int Count) MaxAndCountAtLeast(ReadOnlySpan<double> x, double threshold)
    {
        var j = 0;
        var acc = Vector512.Create(double.NegativeInfinity);
        var t = Vector512.Create(threshold);
        var count = 0;
        for (; j + Lanes <= x.Length; j += Lanes)
        {
            var v = Vector512.Create(x.Slice(j, Lanes));
            acc = Vector512.Max(acc, v);
            count += BitOperationsPopCount(Vector512.GreaterThanOrEqual(v, t).ExtractMostSignificantBits());
        }
        var m = double.NegativeInfinity;
        for (var l = 0; l < Lanes; l++) if (acc[l] > m) m = acc[l];
        for (; j < x.Length; j++)
        {
            if (x[j] > m) m = x[j];
            if (x[j] >= threshold) count++;
        }
        return (m, count);
    }

    /// <summary>
    /// One sweep for a row of logits z with z_y set to −∞ by the caller: g_l ← min(g_l, a − z_l) (when <paramref name="g"/>
    /// is not empty; the −∞ lane leaves g_y alone) and returns Σ_j exp((z_j − a) − m), the cross-entropy inner sum
    /// (a = z_y, m = max_{j≠y}(z_j − z_y) ≤ 0 shift, so the largest term is exp(0) = 1). Eight lanes that are all below
    /// −64 are skipped (each term &lt; 1.7·10⁻²⁸, so even 10⁸ of them stay below 10⁻¹⁹ of the sum), and single lanes
    /// below −708 count as 0.
    /// </summary>
    public static double PairMinAndSumExp(Span<double> g, double a, ReadOnlySpan<double> z, double m)
    {
        var j = 0;
        var acc = Vector512<double>.Zero;
        var av = Vector512.Create(a);
        var mv = Vector512.Create(m);
        var pairs = !g.IsEmpty;
        for (; j + Lanes <= z.Length; j += Lanes)
        {
            var v = Vector512.Create(z.Slice(j, Lanes));
            if (pairs) Vector512.Min(Vector512.Create((ReadOnlySpan<double>)g.Slice(j, Lanes)), av - v).CopyTo(g.Slice(j, Lanes));
            var t = (v - av) - mv;
            if (Vector512.GreaterThanOrEqualAny(t, Negligible)) acc += FastExp.ExpOfNonPositiveTerm(t);
        }
        var s = Vector512.Sum(acc);
        for (; j < z.Length; j++)
        {
            if (pairs)
            {
                var d = a - z[j];
                if (d < g[j]) g[j] = d;
            }
            var t = (z[j] - a) - m;
            if (t >= -708) s += Math.Exp(t);
        }
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BitOperationsPopCount(ulong bits) => System.Numerics.BitOperations.PopCount(bits);
}
