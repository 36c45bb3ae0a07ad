using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Etf;

/// <summary>
/// Simplex equiangular tight frames: K unit vectors in R^d (d ≥ K−1) with pairwise cosine −1/(K−1).
/// Rows of the returned K×d matrix M are the vertices: Mᵀ = √(K/(K−1)) U (I_K − 11ᵀ/K) with UᵀU = I.
/// </summary>
/// <remarks>
/// Papyan, Han, Donoho (2020), "Prevalence of neural collapse during the terminal phase of deep learning training",
/// PNAS 117(40), Definition 1. Convention: docs/conventions.md §Simplex ETF. For d = K−1 the sum-zero subspace is
/// spanned by the Helmert basis.
/// </remarks>
public static class SimplexEtf
{
    /// <summary>The most entries K·d of a dense ETF matrix (1e8 doubles, 800 MB).</summary>
    public const long MaxEntries = 100_000_000;

    /// <summary>Throws <see cref="InputException"/> unless K ≥ 2, d ≥ K−1 and K·d ≤ <see cref="MaxEntries"/>.</summary>
    public static void Validate(int classes, int dim)
    {
        if (classes < 2) throw new InputException($"--classes {classes}: a simplex ETF needs K ≥ 2 classes");
        if (dim < 1) throw new InputException($"--dim {dim}: the dimension must be ≥ 1");
        if (classes > dim + 1)
            throw new InputException($"--classes {classes} --dim {dim}: a simplex ETF of K vectors needs d ≥ K−1 = {classes - 1} (K > d+1 is impossible)");
        if ((long)classes * dim > MaxEntries)
            throw new InputException($"--classes {classes} --dim {dim}: the K×d ETF has {(long)classes * dim} entries, too large (at most {MaxEntries:0.#e0}, {MaxEntries * 8 / 1_000_000} MB "
                + $"of doubles)");
    }

    /// <summary>
    /// The standard ETF: for d ≥ K, U = the first K columns of I_d; for d = K−1, the Helmert basis of the sum-zero
    /// subspace (so the rows live in R^{K−1}).
    /// </summary>
    public static Matrix<double> Standard(int classes, int dim)
    {
        Validate(classes, dim);
        int k = classes;
        double scale = Math.Sqrt(k / (k - 1.0));
        var m = Matrix<double>.Build.Dense(k, dim);
        if (dim >= k)
        {
            for (int r = 0; r < k; r++)
                for (int c = 0; c < k; c++)
                    m[r, c] = scale * ((r == c ? 1.0 : 0.0) - 1.0 / k);
        }
        else
        {
            var h = HelmertBasis(k);
            for (int r = 0; r < k; r++)
                for (int c = 0; c < k - 1; c++)
                    m[r, c] = scale * h[r, c];
        }
        return m;
    }

    /// <summary>
    /// A random ETF: Mᵀ = √(K/(K−1)) U (I − 11ᵀ/K) with U Haar-distributed on the Stiefel manifold (d ≥ K), or the
    /// standard ETF rotated by a Haar orthogonal matrix (d = K−1). Deterministic in <paramref name="seed"/>.
    /// </summary>
    public static Matrix<double> Random(int classes, int dim, int seed)
    {
        Validate(classes, dim);
        var rng = new System.Random(seed);
        if (dim == classes - 1)
            return Rotate(Standard(classes, dim), RandomOrthogonal.Haar(dim, rng));
        var u = RandomOrthogonal.Stiefel(dim, classes, rng); // d×K, orthonormal columns
        var p = Matrix<double>.Build.DenseIdentity(classes) - Matrix<double>.Build.Dense(classes, classes, 1.0 / classes);
        return (Math.Sqrt(classes / (classes - 1.0)) * (u * p)).Transpose();
    }

    /// <summary>Label permutation: row k of the result is row π(k) of <paramref name="etf"/> (class k ↦ vertex π(k)).</summary>
    public static Matrix<double> Permute(Matrix<double> etf, IReadOnlyList<int> permutation)
    {
        Permutations.Validate(permutation, etf.RowCount);
        var r = Matrix<double>.Build.Dense(etf.RowCount, etf.ColumnCount);
        for (int k = 0; k < etf.RowCount; k++) r.SetRow(k, etf.Row(permutation[k]));
        return r;
    }

    /// <summary>Rotation: M ↦ M Rᵀ for an orthogonal d×d matrix R.</summary>
    public static Matrix<double> Rotate(Matrix<double> etf, Matrix<double> rotation)
    {
        if (rotation.RowCount != etf.ColumnCount || rotation.ColumnCount != etf.ColumnCount)
            throw new ArgumentException($"rotation must be {etf.ColumnCount}×{etf.ColumnCount}", nameof(rotation));
        return etf.TransposeAndMultiply(rotation);
    }

    /// <summary>Orthonormal basis (K×(K−1), columns) of the sum-zero subspace of R^K (Helmert).</summary>
    public static Matrix<double> HelmertBasis(int k)
    {
        var h = Matrix<double>.Build.Dense(k, k - 1);
        for (int j = 1; j < k; j++)
        {
            double norm = Math.Sqrt(j * (j + 1.0));
            for (int i = 0; i < j; i++) h[i, j - 1] = 1.0 / norm;
            h[j, j - 1] = -j / norm;
        }
        return h;
    }

    /// <summary>Expected pairwise cosine −1/(K−1).</summary>
    public static double ExpectedCosine(int classes) => -1.0 / (classes - 1);

    /// <summary>Expected pairwise distance √(2K/(K−1)) between unit-norm vertices.</summary>
    public static double ExpectedDistance(int classes) => Math.Sqrt(2.0 * classes / (classes - 1));

    /// <summary>Expected Gram matrix of unit vertices: (K/(K−1)) (I − 11ᵀ/K).</summary>
    public static Matrix<double> ExpectedGram(int classes)
    {
        double s = classes / (classes - 1.0);
        return s * (Matrix<double>.Build.DenseIdentity(classes) - Matrix<double>.Build.Dense(classes, classes, 1.0 / classes));
    }
}
