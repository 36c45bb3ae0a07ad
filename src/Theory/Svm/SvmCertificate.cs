using Collapse.Theory.Margins;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Svm;

/// <summary>
/// Optimality certificate of a candidate (W, λ) for the bias-free multi-class hard-margin SVM
/// min ½||W||_F² s.t. A_a·W = (w_{y_i} − w_j)·h_i ≥ 1 for all i and j ≠ y_i (Crammer &amp; Singer 2001, "On the
/// algorithmic implementation of multiclass kernel-based vector machines", JMLR 2, without slack and bias; the
/// limit direction of gradient descent on cross-entropy, Soudry et al. 2018, JMLR 19). Computed by our own code from
/// the returned primal and dual alone, independently of the solver that produced them.
/// </summary>
/// <remarks>
/// Dual: max_λ≥0 D(λ) = Σ_a λ_a − ½||Σ_a λ_a A_a||_F². Weak duality gives D(λ) ≤ P* ≤ P(W) for every λ ≥ 0 and every
/// feasible W, so a small gap proves both near-optimal. All quantities are invariant under h ↦ c·h (with
/// W ↦ W/c, λ ↦ λ/c²).
/// </remarks>
/// <param name="PrimalObjective">P = ½||W||_F².</param>
/// <param name="DualObjective">D = Σ_a λ_a − ½||Σ_a λ_a A_a||_F².</param>
/// <param name="DualityGap">Relative duality gap |P − D| / P (P &gt; 0 for every feasible W).</param>
/// <param name="MaxViolation">max(0, max_a (1 − A_a·W)): primal infeasibility (the right-hand side is 1).</param>
/// <param name="Stationarity">||W − Σ_a λ_a A_a||_F / ||W||_F: relative residual of the KKT stationarity condition.</param>
/// <param name="MinLambda">min_a λ_a; dual feasibility needs it ≥ 0.</param>
/// <param name="NormW">||W||_F.</param>
/// <param name="Margin">1/||W||_F: at the optimum, the SVM margin max_W p_min(W)/||W||_F.</param>
/// <param name="MarginLowerBound">p_min(W)/||W||_F with p_min(W) = min_a A_a·W: a lower bound on the optimal margin valid for any W.</param>
/// <param name="MarginUpperBound">1/√(2D): an upper bound on the optimal margin valid for any λ ≥ 0 (weak duality); +∞ if D ≤ 0.</param>
/// <param name="SupportVectors">Samples i with some λ_ij &gt; 1e-9·max λ.</param>
/// <param name="ActiveConstraints">Pairs (i, j) with λ_ij &gt; 1e-9·max λ.</param>
public sealed record SvmCertificate(
    double PrimalObjective,
    double DualObjective,
    double DualityGap,
    double MaxViolation,
    double Stationarity,
    double MinLambda,
    double NormW,
    double Margin,
    double MarginLowerBound,
    double MarginUpperBound,
    int SupportVectors,
    int ActiveConstraints)
{
    /// <summary>Relative threshold (times max λ) above which a multiplier counts as a support.</summary>
    public const double SupportThreshold = 1e-9;

    /// <summary>
    /// True iff λ ≥ 0 and violation, duality gap and stationarity are all within <paramref name="tolerances"/>
    /// (<see cref="SvmTolerances.Default"/> when null).
    /// </summary>
    public bool IsCertified(SvmTolerances? tolerances = null)
    {
        var t = tolerances ?? SvmTolerances.Default;
        return MinLambda >= 0 && MaxViolation <= t.MaxViolation && DualityGap <= t.DualityGap && Stationarity <= t.Stationarity;
    }

    /// <summary>
    /// Certifies a candidate primal <paramref name="w"/> (K×d) and dual <paramref name="lambda"/> (N×K row-major,
    /// λ[i·K + j] for j ≠ y_i; the entries j = y_i are ignored) on features (row-major N×d) and labels.
    /// </summary>
    /// <exception cref="InputException">Malformed features, labels or shapes.</exception>
    public static SvmCertificate Compute(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, int classes, Matrix<double> w, ReadOnlySpan<double> lambda)
    {
        SvmProblem.Validate(features, labels, classes, out var d);
        var n = labels.Length;
        var k = classes;
        if (w.RowCount != k || w.ColumnCount != d)
            throw new InputException($"classifier: shape {w.RowCount}×{w.ColumnCount} does not match {k} classes × {d} features");
        if (lambda.Length != n * k)
            throw new InputException($"lambda: {lambda.Length} values, expected N·K = {n * k}");
        var wv = new double[k * d];
        for (var c = 0; c < k; c++)
            for (var t = 0; t < d; t++) wv[c * d + t] = w[c, t];

        var masked = new double[n * k];
        var sumLambda = 0.0;
        var minLambda = double.PositiveInfinity;
        var maxLambda = 0.0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < k; j++)
            {
                if (j == labels[i]) continue;
                var l = lambda[i * k + j];
                masked[i * k + j] = l;
                sumLambda += l;
                minLambda = Math.Min(minLambda, l);
                maxLambda = Math.Max(maxLambda, l);
            }

        // p_min(W) = min_i q_i with the shared sample-margin formula; max(0, 1 − p_min) is the largest violation.
        var logits = new double[k];
        var minMargin = double.PositiveInfinity;
        for (var i = 0; i < n; i++)
        {
            var hi = features.Slice(i * d, d);
            for (var c = 0; c < k; c++) logits[c] = SvmConstraints.Dot(wv.AsSpan(c * d, d), hi);
            minMargin = Math.Min(minMargin, SampleMargin.Of(logits, labels[i]));
        }

        var v = new double[k * d];
        SvmConstraints.Combine(features, labels, k, d, masked, v);
        double normW2 = 0, normV2 = 0, residual2 = 0;
        for (var t = 0; t < v.Length; t++)
        {
            normW2 += wv[t] * wv[t];
            normV2 += v[t] * v[t];
            residual2 += (wv[t] - v[t]) * (wv[t] - v[t]);
        }
        var normW = Math.Sqrt(normW2);
        var primal = 0.5 * normW2;
        var dual = sumLambda - 0.5 * normV2;
        var threshold = SupportThreshold * maxLambda;
        int supportVectors = 0, active = 0;
        for (var i = 0; i < n; i++)
        {
            var any = false;
            for (var j = 0; j < k; j++)
                if (j != labels[i] && masked[i * k + j] > threshold) { active++; any = true; }
            if (any) supportVectors++;
        }
        return new SvmCertificate(
            PrimalObjective: primal,
            DualObjective: dual,
            DualityGap: primal > 0 ? Math.Abs(primal - dual) / primal : double.PositiveInfinity,
            MaxViolation: Math.Max(0, 1 - minMargin),
            Stationarity: normW > 0 ? Math.Sqrt(residual2) / normW : double.PositiveInfinity,
            MinLambda: minLambda,
            NormW: normW,
            Margin: normW > 0 ? 1 / normW : double.PositiveInfinity,
            MarginLowerBound: normW > 0 ? minMargin / normW : double.NaN,
            MarginUpperBound: dual > 0 ? 1 / Math.Sqrt(2 * dual) : double.PositiveInfinity,
            SupportVectors: supportVectors,
            ActiveConstraints: active);
    }
}
