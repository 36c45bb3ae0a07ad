using MathNet.Numerics.Distributions;

namespace Collapse.Theory.Bounds;

/// <summary>
/// Rademacher complexity of norm-bounded linear scoring functions H = {h ↦ ⟨w, h⟩ : ‖w‖₂ ≤ B} on given features
/// h_1..h_m ∈ R^d (Mohri, Rostamizadeh, Talwalkar, <i>Foundations of ML</i>, 2nd ed., Thm 5.10). For multi-class
/// linear scorers (x, y) ↦ ⟨w_y, h(x)⟩ with max_y ‖w_y‖ ≤ B this is also 𝔑(Π₁(H)) (Mohri Prop. 9.3 / Cor. 9.4).
/// </summary>
/// <remarks>
/// Exact supremum: R̂_S(H) = (B/m) E_σ ‖Σ_i σ_i h_i‖₂ (sup over ‖w‖ ≤ B of ⟨w, v⟩ is B‖v‖).
/// Jensen: R̂_S(H) ≤ (B/m) √(Σ_i ‖h_i‖²) ≤ B·R/√m with R = max_i ‖h_i‖ (Thm 5.10).
/// </remarks>
public static class LinearRademacher
{
    /// <summary>Analytic bound B·R/√m (Mohri 2nd ed., Thm 5.10), R = max_i ‖h_i‖ or any bound on the feature norms.</summary>
    public static double AnalyticBound(double normBound, double radius, int sampleSize)
    {
        Require.NonNegative(normBound, "normBound");
        Require.NonNegative(radius, "radius");
        Require.AtLeast(sampleSize, 1, "sampleSize");
        return normBound * radius / Math.Sqrt(sampleSize);
    }

    /// <summary>The analytic bound B·max_i‖h_i‖/√m on the given features (row-major m×d).</summary>
    public static double AnalyticBound(ReadOnlySpan<double> features, int dim, double normBound)
    {
        Require.Rows(features, dim, "features");
        return AnalyticBound(normBound, Radius(features, dim), features.Length / dim);
    }

    /// <summary>The intermediate (Jensen) bound (B/m)·√(Σ_i ‖h_i‖²) of Mohri's proof of Thm 5.10; ≤ <see cref="AnalyticBound(ReadOnlySpan{double},int,double)"/>.</summary>
    public static double JensenBound(ReadOnlySpan<double> features, int dim, double normBound)
    {
        Require.Rows(features, dim, "features");
        Require.NonNegative(normBound, "normBound");
        var m = features.Length / dim;
        var sum = 0.0;
        foreach (var v in features) sum += v * v;
        return normBound * Math.Sqrt(sum) / m;
    }

    /// <summary>R = max_i ‖h_i‖₂ over the rows of the row-major m×d feature array.</summary>
    public static double Radius(ReadOnlySpan<double> features, int dim)
    {
        Require.Rows(features, dim, "features");
        var m = features.Length / dim;
        var max = 0.0;
        for (var i = 0; i < m; i++)
        {
            var row = features.Slice(i * dim, dim);
            var s = 0.0;
            foreach (var v in row) s += v * v;
            if (s > max) max = s;
        }
        return Math.Sqrt(max);
    }

    /// <summary>
    /// The exact supremum for one Rademacher vector: sup_{‖w‖≤B} (1/m) Σ_i σ_i ⟨w, h_i⟩ = (B/m) ‖Σ_i σ_i h_i‖₂.
    /// <paramref name="signs"/> holds σ_i ∈ {−1, +1}.
    /// </summary>
    public static double Supremum(ReadOnlySpan<double> features, int dim, double normBound, ReadOnlySpan<int> signs)
    {
        Require.Rows(features, dim, "features");
        var m = features.Length / dim;
        if (signs.Length != m) throw new InputException($"signs: length {signs.Length} differs from the sample size {m}");
        Span<double> v = dim <= 256 ? stackalloc double[dim] : new double[dim];
        return SupremumCore(features, dim, normBound, signs, v);
    }

    /// <summary>
    /// Monte-Carlo estimate of the empirical Rademacher complexity R̂_S(H) = (B/m) E_σ ‖Σ_i σ_i h_i‖₂ over
    /// <paramref name="draws"/> independent σ ∈ {±1}^m, with a two-sided normal-approximation confidence interval.
    /// Cost O(draws·m·d) time, O(m + d) memory.
    /// </summary>
    public static RademacherEstimate MonteCarlo(ReadOnlySpan<double> features, int dim, double normBound, int draws, int seed, double confidence = 0.95)
    {
        Require.Rows(features, dim, "features");
        Require.NonNegative(normBound, "normBound");
        Require.AtLeast(draws, 2, "draws");
        Require.Probability(confidence, "confidence");
        var m = features.Length / dim;
        var rng = new Random(seed);
        var signs = new int[m];
        var v = new double[dim];
        double mean = 0, m2 = 0;
        for (var t = 0; t < draws; t++)
        {
            for (var i = 0; i < m; i++) signs[i] = rng.Next(2) == 0 ? -1 : 1;
            var x = SupremumCore(features, dim, normBound, signs, v);
            var delta = x - mean;
            mean += delta / (t + 1);
            m2 += delta * (x - mean);
        }
        var se = Math.Sqrt(m2 / (draws - 1) / draws);
        var z = Normal.InvCDF(0, 1, 0.5 + confidence / 2);
        return new RademacherEstimate(mean, se, mean - z * se, mean + z * se, confidence, draws);
    }

    private static double SupremumCore(ReadOnlySpan<double> features, int dim, double normBound, ReadOnlySpan<int> signs, Span<double> v)
    {
        var m = signs.Length;
        v.Clear();
        for (var i = 0; i < m; i++)
        {
            var row = features.Slice(i * dim, dim);
            if (signs[i] > 0) for (var j = 0; j < dim; j++) v[j] += row[j];
            else for (var j = 0; j < dim; j++) v[j] -= row[j];
        }
        var s = 0.0;
        foreach (var x in v) s += x * x;
        return normBound * Math.Sqrt(s) / m;
    }
}
