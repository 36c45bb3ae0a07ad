using MathNet.Numerics.LinearAlgebra;
using Collapse.Theory.Numerics;

namespace Collapse.Theory.LayerPeeled;

/// <summary>
/// The Layer-Peeled Model of Fang, He, Long, Su (2021) with within-class collapsed features: over class means h̄_k and
/// classifier rows w_k in R^p,
/// minimise Σ_k a_k CE(W h̄_k, k) subject to Σ_k c_k ‖h̄_k‖² ≤ E_H and (1/K) Σ_k ‖w_k‖² ≤ E_W,
/// with loss weights a_k (n_k/N: the mean CE over all samples) and feature weights c_k. Fang et al.'s constraint is
/// (1/K) Σ_k (1/n_k) Σ_i ‖h_{k,i}‖² ≤ E_H, i.e. c_k = 1/K (<see cref="Fang"/>); the weight-decayed UFM corresponds to
/// (1/N) Σ_i ‖h_i‖² ≤ E_H, i.e. c_k = n_k/N (<see cref="SampleWeighted"/>). Replacing the features of a class by their
/// mean lowers the (convex) loss and does not raise either constraint, so this reduced program has the optimal value of
/// the full one.
/// </summary>
/// <remarks>
/// Its Gram matrix X = V Vᵀ, V = [H̄; W] (2K×p), turns it into a convex semidefinite program (Fang et al. 2021, PNAS
/// 118(43) e2103091118, arXiv 2101.12699): the objective depends on X only through the block X_{k,K+j} = h̄_kᵀw_j,
/// the constraints are linear in X, and X ⪰ 0. For p ≥ 2K the program in (H̄, W) and the SDP are equivalent; for
/// smaller p the SDP is a relaxation. <see cref="LayerPeeledCertificate"/> certifies optimality through the SDP's dual.
/// </remarks>
/// <param name="LossWeights">a_k ≥ 0 (not all 0).</param>
/// <param name="FeatureWeights">c_k &gt; 0.</param>
/// <param name="FeatureBudget">E_H &gt; 0.</param>
/// <param name="ClassifierBudget">E_W &gt; 0.</param>
public sealed record LayerPeeledProgram(IReadOnlyList<double> LossWeights, IReadOnlyList<double> FeatureWeights, double FeatureBudget, double ClassifierBudget)
{
    /// <summary>K.</summary>
    public int Classes => LossWeights.Count;

    /// <summary>Fang et al.'s program for class sizes n_k: a_k = n_k/N, c_k = 1/K.</summary>
    public static LayerPeeledProgram Fang(IReadOnlyList<int> counts, double featureBudget, double classifierBudget)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var n = (double)counts.Sum();
        var p = new LayerPeeledProgram(counts.Select(c => c / n).ToArray(), Enumerable.Repeat(1.0 / counts.Count, counts.Count).ToArray(), featureBudget, classifierBudget);
        p.Validate();
        return p;
    }

    /// <summary>The program a weight-decayed UFM solves (per-sample feature budget): a_k = c_k = n_k/N.</summary>
    public static LayerPeeledProgram SampleWeighted(IReadOnlyList<int> counts, double featureBudget, double classifierBudget)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var n = (double)counts.Sum();
        var w = counts.Select(c => c / n).ToArray();
        var p = new LayerPeeledProgram(w, w, featureBudget, classifierBudget);
        p.Validate();
        return p;
    }

    /// <summary>
    /// Optimal value for balanced classes (a_k = 1/K, c_k = 1/K) and p ≥ K−1: log(1 + (K−1) exp(−K√(E_H E_W)/(K−1))),
    /// attained by a simplex ETF with ‖w_k‖² = E_W and h̄_k = √(E_H/E_W) w_k (Fang et al. 2021, balanced case).
    /// <paramref name="marginDenominator"/> is K−1 for the statement (another value gives a deliberately wrong constant).
    /// </summary>
    public static double BalancedValue(int classes, double featureBudget, double classifierBudget, double? marginDenominator = null)
    {
        var q = classes * Math.Sqrt(featureBudget * classifierBudget) / (marginDenominator ?? classes - 1.0);
        return LogSumExp.Log1P((classes - 1) * Math.Exp(-q));
    }

    /// <summary>Throws <see cref="InputException"/> unless the weights and budgets are valid.</summary>
    public void Validate()
    {
        if (LossWeights.Count < 2 || FeatureWeights.Count != LossWeights.Count)
            throw new InputException($"layer-peeled program: need K ≥ 2 loss weights and as many feature weights (got {LossWeights.Count}, {FeatureWeights.Count})");
        if (LossWeights.Any(a => !(a >= 0) || double.IsInfinity(a)) || !(LossWeights.Sum() > 0))
            throw new InputException("layer-peeled program: loss weights must be finite, ≥ 0 and not all 0");
        if (FeatureWeights.Any(c => !(c > 0) || double.IsInfinity(c)))
            throw new InputException("layer-peeled program: feature weights must be finite and > 0");
        if (!(FeatureBudget > 0) || !(ClassifierBudget > 0) || double.IsInfinity(FeatureBudget) || double.IsInfinity(ClassifierBudget))
            throw new InputException($"layer-peeled program: budgets E_H = {FeatureBudget}, E_W = {ClassifierBudget} must be finite and > 0");
    }

    /// <summary>Σ_k c_k ‖h̄_k‖² (the feature constraint's left side).</summary>
    public double FeatureLoad(Matrix<double> means)
    {
        ArgumentNullException.ThrowIfNull(means);
        var s = 0.0;
        for (var k = 0; k < Classes; k++) s += FeatureWeights[k] * means.Row(k).DotProduct(means.Row(k));
        return s;
    }

    /// <summary>(1/K) Σ_k ‖w_k‖² (the classifier constraint's left side).</summary>
    public double ClassifierLoad(Matrix<double> classifier)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        var f = classifier.FrobeniusNorm();
        return f * f / Classes;
    }

    /// <summary>
    /// Objective Σ_k a_k CE(B_k, k) of the logit block B = H̄ Wᵀ (B_kj = h̄_kᵀw_j), and its gradient G_kj = a_k (softmax(B_k)_j − δ_kj)
    /// written into <paramref name="gradient"/> (K×K) when given.
    /// </summary>
    public double Objective(Matrix<double> logits, Matrix<double>? gradient = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        int k = Classes;
        var total = new NeumaierSum();
        Span<double> z = stackalloc double[k];
        for (var r = 0; r < k; r++)
        {
            for (var j = 0; j < k; j++) z[j] = logits[r, j];
            total.Add(LossWeights[r] * Loss.CrossEntropy.Sample(z, r));
            if (gradient is null) continue;
            var m = z[0];
            for (var j = 1; j < k; j++) m = Math.Max(m, z[j]);
            var sum = 0.0;
            for (var j = 0; j < k; j++) sum += Math.Exp(z[j] - m);
            var others = 0.0;
            for (var j = 0; j < k; j++)
            {
                if (j == r) continue;
                var p = Math.Exp(z[j] - m) / sum;
                others += p;
                gradient[r, j] = LossWeights[r] * p;
            }
            gradient[r, r] = -LossWeights[r] * others;
        }
        return total.Value;
    }
}
