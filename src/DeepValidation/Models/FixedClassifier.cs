using Collapse.Theory;
using Collapse.Theory.Etf;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.DeepValidation.Models;

/// <summary>
/// A fixed last layer W (K×d, no bias, not trained, no weight decay) under a label permutation π and/or a rotation R:
/// class k receives vertex π(k) of the base frame, and W ↦ W Rᵀ (docs/conventions.md §Simplex ETF, "alignment"
/// variants). Fixed-ETF training follows Yang et al. 2022 (NeurIPS, "Inducing Neural Collapse in Imbalanced
/// Learning") and the alignment experiments of Gao et al. 2023 (arXiv 2310.08358, §5.2 [R]).
/// </summary>
/// <param name="Kind">ETF or heterogeneous frame.</param>
/// <param name="PermutationSeed">Seed of a uniformly random π (<see cref="Permutations.Random"/>); null = identity.</param>
/// <param name="RotationSeed">Seed of a Haar-random R ∈ O(d); null = no rotation.</param>
/// <param name="Scale">Multiplies every row (the logit temperature of the fixed layer).</param>
public sealed record FixedClassifier(FixedClassifierKind Kind, int? PermutationSeed = null, int? RotationSeed = null, double Scale = 1.0)
{
    /// <summary>The permutation π applied (identity when <see cref="PermutationSeed"/> is null).</summary>
    public int[] Permutation(int classes)
    {
        if (PermutationSeed is int s) return Permutations.Random(classes, s);
        var p = new int[classes];
        for (var i = 0; i < classes; i++) p[i] = i;
        return p;
    }

    /// <summary>Builds W (K×d).</summary>
    public Matrix<double> Build(int classes, int dim)
    {
        if (dim < classes - 1)
            throw new InputException($"--fixed-etf: the feature dimension d={dim} is below K−1={classes - 1}; widen the model");
        if (!(Scale > 0) || !double.IsFinite(Scale)) throw new InputException($"--etf-scale {Scale}: must be a positive finite number");
        var w = SimplexEtf.Standard(classes, dim);
        if (Kind == FixedClassifierKind.Heterogeneous)
            for (var k = 0; k < classes; k++)
                w.SetRow(k, w.Row(k) * (0.4 + 1.2 * k / (classes - 1.0)));
        w = SimplexEtf.Permute(w, Permutation(classes));
        if (RotationSeed is int r) w = SimplexEtf.Rotate(w, RandomOrthogonal.Haar(dim, new System.Random(r)));
        return w * Scale;
    }

    /// <summary>W as a row-major array (for the network's frozen layer).</summary>
    public double[] BuildRowMajor(int classes, int dim) => Build(classes, dim).ToRowMajorArray();
}
