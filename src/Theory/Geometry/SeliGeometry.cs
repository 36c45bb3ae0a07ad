using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Geometry;

/// <summary>
/// The simplex-encoded-labels interpolation (SELI) geometry of Thrampoulidis, Kini, Vakilian, Behnia (2022) for
/// arbitrary class sizes: with the simplex-encoded label matrix Ẑ = Y − (1/K)11ᵀ (K×N; column i is e_{y_i} − 1/K),
/// the classifier and feature Gram matrices of the geometry are W Wᵀ ∝ (Ẑ Ẑᵀ)^{1/2} and HᵀH ∝ (ẐᵀẐ)^{1/2}, and the
/// logits interpolate W H ∝ Ẑ. Computed here from the SVD Ẑ = U S Vᵀ alone (no SVM solver): (ẐẐᵀ)^{1/2} = U S Uᵀ,
/// (ẐᵀẐ)^{1/2} = V S Vᵀ. Balanced classes give Ẑ Ẑᵀ = n P_K, i.e. the simplex ETF; imbalanced classes do not.
/// </summary>
/// <remarks>
/// Thrampoulidis, Kini, Vakilian, Behnia, "Imbalance trouble: revisiting neural-collapse geometry", NeurIPS 2022,
/// arXiv 2208.05512. [reconstructed] The Gram formulas are the balanced factorisation of Ẑ, the solution of the
/// UFM max-margin problem min ½(‖W‖² + ‖H‖²) s.t. all margins ≥ 1, whose value is ‖Ẑ‖_*; they are rebuilt from the
/// paper's abstract ("the embeddings and classifiers always interpolate a simplex-encoded label matrix and their
/// individual geometries are determined by the SVD factors of this same label matrix"), not quoted from a theorem.
/// </remarks>
public sealed class SeliGeometry
{
    private SeliGeometry(int[] labels, Matrix<double> z, Matrix<double> classifierGram, Matrix<double> featureGram, double nuclear)
    {
        Labels = labels;
        LabelMatrix = z;
        ClassifierGram = classifierGram;
        FeatureGram = featureGram;
        NuclearNorm = nuclear;
    }

    /// <summary>y_i.</summary>
    public IReadOnlyList<int> Labels { get; }
    /// <summary>Ẑ = Y − (1/K)11ᵀ (K×N).</summary>
    public Matrix<double> LabelMatrix { get; }
    /// <summary>(ẐẐᵀ)^{1/2} (K×K).</summary>
    public Matrix<double> ClassifierGram { get; }
    /// <summary>(ẐᵀẐ)^{1/2} (N×N).</summary>
    public Matrix<double> FeatureGram { get; }
    /// <summary>‖Ẑ‖_* (the optimal value of the UFM max-margin problem).</summary>
    public double NuclearNorm { get; }

    /// <summary>The geometry for labels in [0, K) (every class present; throws <see cref="InputException"/> otherwise).</summary>
    public static SeliGeometry Of(IReadOnlyList<int> labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 2) throw new InputException($"classes {classes}: need at least 2");
        var counts = new int[classes];
        foreach (var y in labels)
        {
            if ((uint)y >= (uint)classes) throw new InputException($"label {y} is outside 0..{classes - 1}");
            counts[y]++;
        }
        for (var c = 0; c < classes; c++)
            if (counts[c] == 0) throw new InputException($"class {c} has no samples");
        var n = labels.Count;
        var z = Matrix<double>.Build.Dense(classes, n, (r, i) => (labels[i] == r ? 1.0 : 0.0) - 1.0 / classes);
        var svd = z.Svd(computeVectors: true);
        var s = svd.S;
        var rank = 0;
        for (var j = 0; j < s.Count; j++) if (s[j] > 1e-12 * s[0]) rank++;
        var u = svd.U.SubMatrix(0, classes, 0, rank);
        var v = svd.VT.SubMatrix(0, rank, 0, n).Transpose();
        var sd = Matrix<double>.Build.DenseOfDiagonalVector(s.SubVector(0, rank));
        return new SeliGeometry(labels.ToArray(), z, u * sd * u.Transpose(), v * sd * v.Transpose(), s.SubVector(0, rank).Sum());
    }

    /// <summary>‖A/‖A‖_F − B/‖B‖_F‖_F: the distance between the directions of two matrices (0 iff A = cB, c &gt; 0).</summary>
    public static double DirectionDistance(Matrix<double> a, Matrix<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return (a / a.FrobeniusNorm() - b / b.FrobeniusNorm()).FrobeniusNorm();
    }
}
