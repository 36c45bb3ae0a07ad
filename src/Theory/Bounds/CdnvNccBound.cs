namespace Collapse.Theory.Bounds;

/// <summary>
/// A small class-distance normalised variance bounds the nearest-class-centre error, in the derived form
/// err_NCC ≤ 4(K−1)·CDNV for balanced classes, where CDNV is the conventions' <c>cdnv</c> (the mean over class pairs of
/// (σ_k² + σ_l²)/(2‖μ_k − μ_l‖²)) and err_NCC = 1 − <c>nccAccuracy</c>, both with the class means of the same
/// distribution.
/// </summary>
/// <remarks>
/// Galanti, György, Hutter (2022), "On the role of neural collapse in transfer learning", ICLR: low CDNV makes the
/// NCC classifier accurate. Their proposition's exact constant is not reproduced here; this is our derivation
/// [derived]. A class-i point is assigned to some j ≠ i only if ‖h − μ_j‖ ≤ ‖h − μ_i‖, which by the triangle inequality
/// forces ‖h − μ_i‖ ≥ ‖μ_i − μ_j‖/2; a union bound over j and Markov's inequality on ‖h − μ_i‖² give
/// err_i ≤ Σ_{j≠i} 4σ_i²/‖μ_i − μ_j‖². Averaging over the K classes,
/// (1/K) Σ_i Σ_{j≠i} 4σ_i²/‖μ_i − μ_j‖² = (8/K) Σ_{i&lt;j} (σ_i² + σ_j²)/(2‖μ_i − μ_j‖²) = 4(K−1)·CDNV. The chain holds
/// for any balanced distribution, in particular the empirical distribution of a labelled sample (so it is exact on
/// data, with ties counted as errors). It is nearly attained when each class puts a small mass just beyond the
/// midpoint towards one near class and the other classes are far.
/// </remarks>
public static class CdnvNccBound
{
    /// <summary>4(K−1)·cdnv.</summary>
    public static double Bound(int classes, double cdnv) => Bound(classes, cdnv, 4.0, classes - 1);

    /// <summary>
    /// c·f·cdnv with Markov constant <paramref name="markovConstant"/> (4 in the derivation: radius ‖μ_i − μ_j‖/2) and
    /// class factor <paramref name="classFactor"/> (K − 1 in the derivation). Other values are false variants.
    /// </summary>
    public static double Bound(int classes, double cdnv, double markovConstant, double classFactor)
    {
        if (classes < 2) throw new InputException($"classes {classes}: the NCC bound needs K >= 2");
        return markovConstant * classFactor * cdnv;
    }
}
