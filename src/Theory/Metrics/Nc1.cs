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
    /// Right singular vectors (d×r, columns) and singular values (descending) of M̃ (K×d) for the r ≤ min(K−1, d)
    /// singular values above <paramref name="relativeCutoff"/>·s_max. For K ≤ d: thin QR of M̃ᵀ and the SVD of the K×K
    /// factor. For K &gt; d (vocabulary-sized heads): Householder LQ of M̃ᵀ in place (<see cref="TallTriangle"/>, O(K·d²)
    /// work, one K×d copy) and the SVD of the d×d factor, never a K×K matrix.
    /// </summary>
    public static (Matrix<double> V, double[] S) RightSingularBasis(Matrix<double> centredMeans, double relativeCutoff = DefaultRelativeCutoff)
    {
        int k = centredMeans.RowCount, d = centredMeans.ColumnCount;
        if (d >= k)
        {
            var qr = centredMeans.Transpose().QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin); // d×k, k×k
            var svd = qr.R.Svd(true); // R = U_r S V_rᵀ  ⇒  M̃ᵀ = (Q U_r) S V_rᵀ
            return Truncate(qr.Q * svd.U, svd.S.ToArray(), k, d, relativeCutoff);
        }
        return TallBasis(centredMeans.ToRowMajorArray(), k, d, relativeCutoff);
    }

    /// <summary>
    /// The nc1 projection P = S⁻¹Vᵀ (r×d, row-major) of the centred means given row-major, and its rank r: the matrix the
    /// second pass applies to h_i − μ_{y_i} (Σ_i ‖P(h_i − μ_{y_i})‖² / N = nc1).
    /// </summary>
    public static (double[] Projection, int Rank) Projection(double[] centredRows, int classes, int dim, double relativeCutoff = DefaultRelativeCutoff)
    {
        var b = Basis(new CentredMeans(centredRows, new double[dim], classes, dim), relativeCutoff);
        return (b.Projection, b.Rank);
    }

    /// <summary>
    /// The nc1 route of the centred means: P = S⁻¹Vᵀ (r×d row-major, r = the singular values above the cutoff, at most
    /// min(K−1, d)), and Σ s_j⁴ over every singular value (= ‖M̃M̃ᵀ‖_F², the Frobenius norm the ETF Gram error needs).
    /// </summary>
    public static Nc1Basis Basis(CentredMeans centred, double relativeCutoff = DefaultRelativeCutoff)
    {
        int k = centred.Classes, d = centred.Dim;
        Matrix<double> v;
        double[] all;
        if (k <= d)
        {
            var m = Matrix<double>.Build.DenseOfRowMajor(k, d, centred.ToArray());
            var qr = m.Transpose().QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
            var svd = qr.R.Svd(true);
            v = qr.Q * svd.U;
            all = svd.S.ToArray();
        }
        else
        {
            var svd = Matrix<double>.Build.DenseOfArray(TallTriangle(centred)).Svd(true); // R = U_r S V_rᵀ ⇒ M̃ = (Q U_r) S V_rᵀ
            v = svd.VT.Transpose();
            all = svd.S.ToArray();
        }
        var (basis, sv) = Truncate(v, all, k, d, relativeCutoff);
        var r = sv.Length;
        var p = new double[r * d];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < d; j++) p[i * d + j] = basis[j, i] / sv[i];
        double f4 = 0;
        foreach (var s in all) f4 += s * s * (s * s);
        return new Nc1Basis(p, r, all, f4);
    }

    private static (Matrix<double> V, double[] S) TallBasis(double[] centredRows, int k, int d, double relativeCutoff)
    {
        var r = TallTriangle(new CentredMeans(centredRows, new double[d], k, d));
        var svd = Matrix<double>.Build.DenseOfArray(r).Svd(true); // R = U_r S V_rᵀ ⇒ M̃ = (Q U_r) S V_rᵀ
        return Truncate(svd.VT.Transpose(), svd.S.ToArray(), k, d, relativeCutoff);
    }

    private static (Matrix<double> V, double[] S) Truncate(Matrix<double> basis, double[] sAll, int k, int d, double relativeCutoff)
    {
        double smax = sAll.Length == 0 ? 0 : sAll[0];
        int maxRank = Math.Min(k - 1, Math.Min(d, sAll.Length));
        int r = 0;
        while (r < maxRank && smax > 0 && sAll[r] > relativeCutoff * smax) r++;
        return (basis.SubMatrix(0, d, 0, r), sAll.Take(r).ToArray());
    }

    /// <summary>
    /// The d×d upper-triangular R of M̃ = Q R for a tall M̃ (K×d, K ≥ d, row-major), by Householder reflections applied
    /// from the right to the rows of M̃ᵀ (an LQ factorization, R = Lᵀ; Golub &amp; Van Loan, Matrix Computations, §5.2).
    /// Works on one transposed copy (K·d doubles, formed from the view); rows are updated in parallel.
    /// </summary>
    public static double[,] TallTriangle(CentredMeans centred)
    {
        int k = centred.Classes, d = centred.Dim;
        var a = new double[(long)d * k]; // Aᵀ, d×K row-major
        var buffer = new double[d];
        for (int c = 0; c < k; c++)
        {
            centred.CopyRows(c, 1, buffer);
            for (int j = 0; j < d; j++) a[(long)j * k + c] = buffer[j];
        }
        var v = new double[k];
        for (int i = 0; i < d && i < k; i++)
        {
            var x = a.AsSpan((int)((long)i * k + i), k - i);
            double scale = 0;
            foreach (var t in x) scale = Math.Max(scale, Math.Abs(t));
            if (scale == 0) continue;
            double ss = 0;
            foreach (var t in x) ss += (t / scale) * (t / scale);
            var norm = scale * Math.Sqrt(ss);
            var alpha = x[0] > 0 ? -norm : norm;
            var vs = v.AsSpan(0, k - i);
            x.CopyTo(vs);
            vs[0] -= alpha;
            var vv = Numerics.DenseKernels.Dot(vs, vs);
            if (vv == 0) continue;
            var tau = 2.0 / vv;
            x.Clear();
            x[0] = alpha;
            var rows = d - i - 1;
            var vArray = v;
            var offset = i;
            void Reflect(int rr)
            {
                var row = a.AsSpan((int)((long)(i + 1 + rr) * k + offset), k - offset);
                var f = tau * Numerics.DenseKernels.Dot(row, vArray.AsSpan(0, k - offset));
                if (f != 0) Numerics.DenseKernels.Axpy(-f, vArray.AsSpan(0, k - offset), row);
            }
            if ((long)rows * (k - i) > 1 << 16) Parallel.For(0, rows, Reflect);
            else for (int rr = 0; rr < rows; rr++) Reflect(rr);
        }
        var result = new double[d, d];
        for (int row = 0; row < d; row++)
            for (int col = row; col < d; col++) result[row, col] = col < k ? a[(long)col * k + row] : 0;
        return result;
    }
}

/// <summary>The nc1 route of <see cref="Nc1.Basis"/>.</summary>
/// <param name="Projection">P = S⁻¹Vᵀ, r×d row-major.</param>
/// <param name="Rank">r.</param>
/// <param name="SingularValues">Every singular value of M̃ (descending), truncated or not.</param>
/// <param name="GramFrobenius2">Σ s_j⁴ = ‖M̃M̃ᵀ‖_F².</param>
public sealed record Nc1Basis(double[] Projection, int Rank, double[] SingularValues, double GramFrobenius2);
