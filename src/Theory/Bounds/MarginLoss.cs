namespace Collapse.Theory.Bounds;

/// <summary>
/// Margin losses and empirical margin risks (Mohri, Rostamizadeh, Talwalkar, <i>Foundations of Machine Learning</i>,
/// 2nd ed., Def. 5.5 and eq. 9.6). The margin of a scoring function at (x, y) is ρ_h(x, y) = h(x, y) − max_{y'≠y} h(x, y')
/// (the sample margin q_i of docs/conventions.md).
/// </summary>
/// <remarks>
/// For every margin u and γ &gt; 0: 1[u ≤ 0] ≤ Φ_γ(u) ≤ 1[u ≤ γ], hence
/// ZeroOneRisk ≤ EmpiricalMarginRisk(γ) ≤ EmpiricalIndicatorRisk(γ), and Φ_γ(u) is non-decreasing in γ.
/// </remarks>
public static class MarginLoss
{
    /// <summary>Ramp loss Φ_γ(u) = min(1, max(0, 1 − u/γ)) (Mohri 2nd ed., Def. 5.5); γ &gt; 0.</summary>
    public static double Ramp(double margin, double gamma)
    {
        Require.Positive(gamma, "gamma");
        return RampUnchecked(margin, gamma);
    }

    /// <summary>0-1 loss of a margin: 1 if u ≤ 0 (misclassified, ties count as errors as in Mohri's R(h) = P[ρ_h ≤ 0]), else 0.</summary>
    public static double ZeroOne(double margin) => margin <= 0 ? 1.0 : 0.0;

    /// <summary>Margin indicator 1[u ≤ γ] (Mohri 2nd ed., eq. 9.6), an upper bound on the ramp loss.</summary>
    public static double Indicator(double margin, double gamma) => margin <= gamma ? 1.0 : 0.0;

    /// <summary>Empirical margin risk R̂_{S,γ} = (1/m) Σ_i Φ_γ(ρ_i) (Mohri 2nd ed., Def. 9.1 / eq. 9.6) of the given sample margins.</summary>
    public static double EmpiricalMarginRisk(ReadOnlySpan<double> margins, double gamma)
    {
        Require.Positive(gamma, "gamma");
        RequireNonEmpty(margins);
        var sum = 0.0;
        foreach (var u in margins) sum += RampUnchecked(u, gamma);
        return sum / margins.Length;
    }

    /// <summary>
    /// R̂_{S,γ} for many γ at once: sorts the margins once and uses prefix sums, so each γ costs O(log m).
    /// Equal to <see cref="EmpiricalMarginRisk"/> at each γ up to rounding.
    /// </summary>
    public static double[] EmpiricalMarginRisks(ReadOnlySpan<double> margins, ReadOnlySpan<double> gammas)
    {
        RequireNonEmpty(margins);
        var q = margins.ToArray();
        foreach (var u in q) if (double.IsNaN(u)) throw new InputException("margin is NaN");
        Array.Sort(q);
        var prefix = new double[q.Length + 1];
        for (var i = 0; i < q.Length; i++) prefix[i + 1] = prefix[i] + q[i];
        var a = UpperBound(q, 0.0);                 // #{q ≤ 0}
        var risks = new double[gammas.Length];
        for (var g = 0; g < gammas.Length; g++)
        {
            var gamma = gammas[g];
            Require.Positive(gamma, "gamma");
            var b = LowerBound(q, gamma);            // #{q < γ}
            var partial = b > a ? (b - a) - (prefix[b] - prefix[a]) / gamma : 0.0;
            risks[g] = (a + partial) / q.Length;
        }
        return risks;
    }

    private static int UpperBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { var mid = (lo + hi) >>> 1; if (sorted[mid] <= v) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private static int LowerBound(double[] sorted, double v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { var mid = (lo + hi) >>> 1; if (sorted[mid] < v) lo = mid + 1; else hi = mid; }
        return lo;
    }

    /// <summary>Empirical indicator margin risk (1/m) Σ_i 1[ρ_i ≤ γ] (Mohri 2nd ed., eq. 9.6); ≥ <see cref="EmpiricalMarginRisk"/>.</summary>
    public static double EmpiricalIndicatorRisk(ReadOnlySpan<double> margins, double gamma)
    {
        RequireNonEmpty(margins);
        var count = 0;
        foreach (var u in margins) if (u <= gamma) count++;
        return (double)count / margins.Length;
    }

    /// <summary>Empirical 0-1 risk (1/m) Σ_i 1[ρ_i ≤ 0]: the training (or test) error of the margins given.</summary>
    public static double ZeroOneRisk(ReadOnlySpan<double> margins) => EmpiricalIndicatorRisk(margins, 0.0);

    private static double RampUnchecked(double u, double gamma)
    {
        if (double.IsNaN(u)) throw new InputException("margin is NaN");
        if (u <= 0) return 1.0;
        if (u >= gamma) return 0.0;
        return 1.0 - u / gamma;
    }

    private static void RequireNonEmpty(ReadOnlySpan<double> margins)
    {
        if (margins.IsEmpty) throw new InputException("margins: empty sample");
    }
}
