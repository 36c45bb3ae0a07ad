using Collapse.Theory.Statistics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Metrics;

/// <summary>Scale convention for NC1.</summary>
public enum Nc1Scale
{
    /// <summary>Canonical: (1/K) Tr(Σ_W Σ_B⁺).</summary>
    PerClass,
    /// <summary>Variant <c>papyanNotebook</c>: Tr(Σ_W Σ_B⁺) without the 1/K (Papyan's Colab notebook).</summary>
    None,
}

/// <summary>
/// NC1 = (1/K) Tr(Σ_W Σ_B⁺): within-class variability relative to between-class separation.
/// </summary>
/// <remarks>
/// Papyan, Han, Donoho (2020), PNAS, Fig. 6 (NC1). Computed by the rank-(K−1) route, never a d×d pseudo-inverse:
/// with the thin SVD M̃ = U S Vᵀ, Σ_B = (1/K) V S² Vᵀ and Σ_B⁺ = K V S⁻² Vᵀ, so
/// NC1 = Σ_j v_jᵀ Σ_W v_j / s_j² over the singular values above <c>relativeCutoff</c>·s_max (at most K−1 of them).
/// Every term is a quadratic form of the PSD Σ_W, clamped at 0, so NC1 is never negative. The SVD of M̃ is obtained
/// from a thin QR of M̃ᵀ (d×K) followed by the SVD of the K×K factor: O(dK²) work. Blind to within-class variation
/// orthogonal to span(M̃): report <see cref="Nc1TraceRatio"/> beside it (docs/conventions.md, Known pitfalls).
/// </remarks>
public static class Nc1
{
    /// <summary>Default relative cutoff on singular values of M̃.</summary>
    public const double DefaultRelativeCutoff = 1e-10;

    /// <summary>Canonical NC1 from class statistics (needs the tracked within scatter).</summary>
    public static double Compute(ClassStatistics stats, double relativeCutoff = DefaultRelativeCutoff,
        Nc1Scale scale = Nc1Scale.PerClass, GlobalMeanKind globalMean = GlobalMeanKind.ClassBalanced)
    {
        var sigmaW = stats.SigmaW;
        var (v, s) = RightSingularBasis(stats.CentredMeans(globalMean), relativeCutoff);
        double nc1 = 0;
        for (int j = 0; j < s.Length; j++)
        {
            var vj = v.Column(j);
            double q = vj.DotProduct(sigmaW * vj);
            if (q > 0) nc1 += q / (s[j] * s[j]);
        }
        return scale == Nc1Scale.PerClass ? nc1 : nc1 * stats.Classes;
    }

    /// <summary>
    /// Right singular vectors (d×r, columns) and singular values (descending) of M̃ (K×d) for the r ≤ K−1 singular values
    /// above <paramref name="relativeCutoff"/>·s_max.
    /// </summary>
    public static (Matrix<double> V, double[] S) RightSingularBasis(Matrix<double> centredMeans, double relativeCutoff = DefaultRelativeCutoff)
    {
        int k = centredMeans.RowCount, d = centredMeans.ColumnCount;
        Matrix<double> basis;
        MathNet.Numerics.LinearAlgebra.Factorization.Svd<double> svd;
        if (d >= k)
        {
            var qr = centredMeans.Transpose().QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin); // d×k, k×k
            svd = qr.R.Svd(true); // R = U_r S V_rᵀ  ⇒  M̃ᵀ = (Q U_r) S V_rᵀ
            basis = qr.Q * svd.U;
        }
        else
        {
            svd = centredMeans.Svd(true); // M̃ = U S Vᵀ with Vᵀ d×d
            basis = svd.VT.Transpose();
        }
        var sAll = svd.S.ToArray();
        double smax = sAll.Length == 0 ? 0 : sAll[0];
        int maxRank = Math.Min(k - 1, Math.Min(d, sAll.Length));
        int r = 0;
        while (r < maxRank && smax > 0 && sAll[r] > relativeCutoff * smax) r++;
        return (basis.SubMatrix(0, d, 0, r), sAll.Take(r).ToArray());
    }
}
