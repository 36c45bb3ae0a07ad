namespace Collapse.LeSde.Model;

/// <summary>
/// The positive semi-definite transformation blocks T_ij (m×m) of the locally-elastic drift M_t: block (i, j) of
/// M_t is E_ij(t)·T_ij with E_ii = α_t and E_ij = β_t (i ≠ j). See docs/le-sde.md.
/// </summary>
public enum TransformKind
{
    /// <summary>T_ij = I_m for every pair: every impact acts isotropically (our choice for the separation claim).</summary>
    Identity,

    /// <summary>
    /// T_ij = d_i d_jᵀ/‖d_j‖² with d_j = e_j − (1/K)1 ∈ R^K (needs m = K): the blocks under which the review states that
    /// the normalised representatives tend to a simplex ETF.
    /// </summary>
    Etf,

    /// <summary>
    /// T_ij = e_i e_jᵀ (needs m ≥ K): the same rank-one structure without the centring of d_j. The representatives
    /// then tend to an orthonormal frame, not a simplex ETF (the deliberately wrong blocks of the ETF falsifier).
    /// </summary>
    Orthonormal,
}
