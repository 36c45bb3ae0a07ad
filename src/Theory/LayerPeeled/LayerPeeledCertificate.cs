using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.LayerPeeled;

/// <summary>
/// A certificate of (near-)optimality of a point (H̄, W) of a <see cref="LayerPeeledProgram"/>, from the dual of its
/// semidefinite form. With V = [H̄; W], X = V Vᵀ, G = ∂f/∂B (B = H̄Wᵀ) and multipliers μ_H, μ_W ≥ 0 fitted to the
/// stationarity conditions G W + 2μ_H diag(c) H̄ = 0, GᵀH̄ + 2μ_W W = 0, the matrix
/// S = [[μ_H diag(c), G/2], [Gᵀ/2, μ_W I]] satisfies, for every feasible Y ⪰ 0 (by convexity of f in X):
/// f(Y) ≥ f(X) − gap, gap = ⟨S, X⟩ + μ_H (E_H − Σc_k‖h̄_k‖²) + μ_W (K E_W − ‖W‖²) − min(0, λ_min(S))·T,
/// with T = E_H/min_k c_k + K E_W ≥ tr Y. So <see cref="LowerBound"/> = f(X) − gap bounds the optimum from below
/// whatever X is, and <see cref="UpperBound"/>, the value of the point scaled into the feasible set, bounds it from
/// above. No solver status is trusted: the interval is computed from the point alone.
/// </summary>
/// <param name="Value">f at the point as given.</param>
/// <param name="UpperBound">f at the point scaled (if needed) onto the feasible set: ≥ the optimum.</param>
/// <param name="LowerBound">f(X) − gap: ≤ the optimum of the SDP, hence of the program in any dimension p.</param>
/// <param name="MuH">μ_H.</param>
/// <param name="MuW">μ_W.</param>
/// <param name="MinEigenvalue">λ_min(S) (≥ 0 at an optimum; its negative part enters the gap).</param>
/// <param name="FeatureLoad">Σ_k c_k ‖h̄_k‖² at the point.</param>
/// <param name="ClassifierLoad">(1/K)Σ_k ‖w_k‖² at the point.</param>
public sealed record LayerPeeledCertificate(double Value, double UpperBound, double LowerBound, double MuH, double MuW, double MinEigenvalue,
    double FeatureLoad, double ClassifierLoad)
{
    /// <summary>UpperBound − LowerBound: the certified optimality gap of the (feasible-scaled) point.</summary>
    public double Gap => UpperBound - LowerBound;

    /// <summary>True when the certified gap is at most <paramref name="tolerance"/> (absolute).</summary>
    public bool Certifies(double tolerance) => Gap <= tolerance;

    /// <summary>Computes the certificate of (H̄ (K×p), W (K×p)) for <paramref name="program"/>.</summary>
    public static LayerPeeledCertificate Of(LayerPeeledProgram program, Matrix<double> means, Matrix<double> classifier)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(classifier);
        int k = program.Classes;
        if (means.RowCount != k || classifier.RowCount != k || means.ColumnCount != classifier.ColumnCount)
            throw new ArgumentException("H̄ and W must both be K×p");
        var b = means.TransposeAndMultiply(classifier);
        var g = Matrix<double>.Build.Dense(k, k);
        var value = program.Objective(b, g);
        var loadH = program.FeatureLoad(means);
        var loadW = program.ClassifierLoad(classifier);
        var gb = g.PointwiseMultiply(b).Enumerate().Sum(); // ⟨G, B⟩
        var muH = loadH > 0 ? Math.Max(0, -gb / (2 * loadH)) : 0;
        var normW2 = loadW * k;
        var muW = normW2 > 0 ? Math.Max(0, -gb / (2 * normW2)) : 0;
        var s = Matrix<double>.Build.Dense(2 * k, 2 * k);
        for (var r = 0; r < k; r++)
        {
            s[r, r] = muH * program.FeatureWeights[r];
            s[k + r, k + r] = muW;
            for (var j = 0; j < k; j++)
            {
                s[r, k + j] = g[r, j] / 2;
                s[k + j, r] = g[r, j] / 2;
            }
        }
        var lambdaMin = s.Evd(Symmetricity.Symmetric).EigenValues.Min(e => e.Real);
        var trace = program.FeatureBudget / program.FeatureWeights.Min() + k * program.ClassifierBudget;
        var sx = muH * loadH + muW * normW2 + gb; // ⟨S, X⟩
        var gap = sx + muH * (program.FeatureBudget - loadH) + muW * (k * program.ClassifierBudget - normW2) - Math.Min(0, lambdaMin) * trace;
        // Feasible version of the point: scale each block onto its constraint if it is outside.
        double fh = loadH > program.FeatureBudget ? Math.Sqrt(program.FeatureBudget / loadH) : 1;
        double fw = loadW > program.ClassifierBudget ? Math.Sqrt(program.ClassifierBudget / loadW) : 1;
        var upper = fh == 1 && fw == 1 ? value : program.Objective(b * (fh * fw));
        return new LayerPeeledCertificate(value, upper, value - Math.Max(gap, 0), muH, muW, lambdaMin, loadH, loadW);
    }
}
