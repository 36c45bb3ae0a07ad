using MathNet.Numerics.LinearAlgebra;

namespace Collapse.LeSde.Model;

/// <summary>
/// The drift operator of the locally-elastic SDE: (M_t F̄)_i = Σ_j E_ij(t) T_ij F̄_j, with E_ii = α_t, E_ij = β_t
/// (i ≠ j) and the blocks T_ij of <see cref="TransformKind"/>. Applied in O(K·m) without forming M_t; <see cref="Matrix"/>
/// builds M_t explicitly (K·m × K·m) for tests and inspection. One instance per simulation (it keeps a scratch buffer).
/// </summary>
/// <remarks>
/// Zhang, Wang, Su (2021), "Imitating deep learning dynamics via locally elastic stochastic differential equations",
/// NeurIPS; the drift M_t F̄_t as summarised by Kothapalli (2023, TMLR), §3.2. Identity blocks give
/// M_t = E_t ⊗ I_m. The rank-one blocks T_ij = u_i v_jᵀ (u_i = d_i, v_j = d_j/‖d_j‖² for <see cref="TransformKind.Etf"/>;
/// u_i = v_i = e_i for <see cref="TransformKind.Orthonormal"/>) give (M_t F̄)_i = u_i Σ_j E_ij ⟨v_j, F̄_j⟩.
/// </remarks>
public sealed class TransformBlocks
{
    private readonly double[]? _u; // K×m, row i = u_i (rank-one kinds)
    private readonly double[]? _v; // K×m, row j = v_j
    private readonly double[] _scratch; // Σ_j F̄_j (identity) or s_j (rank-one); not thread-safe by design

    /// <summary>Creates the blocks for K classes in dimension m; throws <see cref="Collapse.Theory.InputException"/> when the kind needs another m.</summary>
    public TransformBlocks(TransformKind kind, int classes, int dim)
    {
        Kind = kind;
        Classes = classes;
        Dim = dim;
        _scratch = new double[Math.Max(classes, dim)];
        switch (kind)
        {
            case TransformKind.Identity:
                break;
            case TransformKind.Etf:
                if (dim != classes)
                    throw new Collapse.Theory.InputException($"--transform etf: needs --dim equal to --classes (d_j = e_j − 1/K lies in R^K), got dim {dim}, classes {classes}");
                _u = new double[classes * dim];
                _v = new double[classes * dim];
                var norm2 = (classes - 1.0) / classes; // ‖e_j − 1/K‖²
                for (var i = 0; i < classes; i++)
                    for (var c = 0; c < dim; c++)
                    {
                        var d = (i == c ? 1.0 : 0.0) - 1.0 / classes;
                        _u[i * dim + c] = d;
                        _v[i * dim + c] = d / norm2;
                    }
                break;
            case TransformKind.Orthonormal:
                if (dim < classes)
                    throw new Collapse.Theory.InputException($"--transform orthonormal: needs --dim >= --classes, got dim {dim}, classes {classes}");
                _u = new double[classes * dim];
                for (var i = 0; i < classes; i++) _u[i * dim + i] = 1;
                _v = _u;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>The kind of blocks.</summary>
    public TransformKind Kind { get; }

    /// <summary>K.</summary>
    public int Classes { get; }

    /// <summary>m.</summary>
    public int Dim { get; }

    /// <summary>Writes (M_t F̄)_i = Σ_j E_ij T_ij F̄_j for every class into <paramref name="drift"/> (K×m row-major).</summary>
    /// <param name="means">F̄: the K class representatives (means), K×m row-major.</param>
    /// <param name="alpha">α_t.</param>
    /// <param name="beta">β_t.</param>
    /// <param name="drift">Output, K×m row-major.</param>
    public void Apply(ReadOnlySpan<double> means, double alpha, double beta, Span<double> drift)
    {
        int k = Classes, m = Dim;
        if (_u is null)
        {
            // Identity blocks: (α − β) F̄_i + β Σ_j F̄_j.
            var sum = _scratch.AsSpan(0, m);
            sum.Clear();
            for (var j = 0; j < k; j++)
                for (var c = 0; c < m; c++) sum[c] += means[j * m + c];
            for (var i = 0; i < k; i++)
                for (var c = 0; c < m; c++) drift[i * m + c] = (alpha - beta) * means[i * m + c] + beta * sum[c];
            return;
        }
        // Rank-one blocks: s_j = ⟨v_j, F̄_j⟩, (M F̄)_i = u_i ((α − β) s_i + β Σ_j s_j).
        var s = _scratch.AsSpan(0, k);
        var total = 0.0;
        for (var j = 0; j < k; j++)
        {
            var dot = 0.0;
            for (var c = 0; c < m; c++) dot += _v![j * m + c] * means[j * m + c];
            s[j] = dot;
            total += dot;
        }
        for (var i = 0; i < k; i++)
        {
            var coefficient = (alpha - beta) * s[i] + beta * total;
            for (var c = 0; c < m; c++) drift[i * m + c] = _u[i * m + c] * coefficient;
        }
    }

    /// <summary>The block T_ij (m×m).</summary>
    public Matrix<double> Block(int i, int j)
    {
        if (_u is null) return Matrix<double>.Build.DenseIdentity(Dim);
        var t = Matrix<double>.Build.Dense(Dim, Dim);
        for (var r = 0; r < Dim; r++)
            for (var c = 0; c < Dim; c++) t[r, c] = _u[i * Dim + r] * _v![j * Dim + c];
        return t;
    }

    /// <summary>M_t as a dense (K·m)×(K·m) matrix: block (i, j) = E_ij T_ij.</summary>
    public Matrix<double> Matrix(double alpha, double beta)
    {
        var n = Classes * Dim;
        var mt = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < Classes; i++)
            for (var j = 0; j < Classes; j++)
                mt.SetSubMatrix(i * Dim, j * Dim, Block(i, j) * (i == j ? alpha : beta));
        return mt;
    }
}
