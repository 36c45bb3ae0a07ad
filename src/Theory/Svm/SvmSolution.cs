using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Svm;

/// <summary>A solution of the multi-class hard-margin SVM with its independently computed certificate.</summary>
/// <param name="W">The classifier, K×d, row w_k per class.</param>
/// <param name="Lambda">
/// Lagrange multipliers, N×K row-major: λ[i·K + j] belongs to the constraint (w_{y_i} − w_j)·h_i ≥ 1 (j ≠ y_i); the
/// entries j = y_i are 0. At the optimum W = Σ λ_ij (e_{y_i} − e_j) h_iᵀ.
/// </param>
/// <param name="Certificate">Gap, violation, stationarity and margin, computed from <paramref name="W"/> and <paramref name="Lambda"/> alone.</param>
/// <param name="Method">
/// The method asked for; <see cref="SvmMethod.ActiveSet"/> also when PDLP was asked for but returned no solution (it
/// gives up on tiny margins) and the active-set method solved the problem from scratch.
/// </param>
/// <param name="Polished">Whether the returned pair comes from the KKT polish.</param>
/// <param name="Iterations">Active-set changes (Lawson–Hanson and polish) made by our own code; 0 for raw PDLP.</param>
public sealed record SvmSolution(Matrix<double> W, double[] Lambda, SvmCertificate Certificate, SvmMethod Method, bool Polished, int Iterations)
{
    /// <summary>
    /// e when the features were solved and certified as h·2^−e because max_i ‖h_i‖ lies outside 2^±480 (see
    /// <c>docs/svm.md</c>, "Scaling"); 0 otherwise. With e ≠ 0 the certificate was computed on the rescaled features and
    /// then mapped back, and a mapped value outside the float64 range reads 0 or ∞ (e.g. ½‖W‖² for ‖h‖ ≈ 10^200).
    /// </summary>
    public int FeatureScaleExponent { get; init; }
}
