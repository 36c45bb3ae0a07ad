namespace Collapse.DeepValidation.Models;

/// <summary>Which matrix a fixed (untrained) last layer holds.</summary>
public enum FixedClassifierKind
{
    /// <summary>The standard simplex ETF of docs/conventions.md (unit rows, pairwise cosine −1/(K−1)).</summary>
    Etf,
    /// <summary>
    /// A heterogeneous (non-ETF) frame: ETF directions with row norms 0.4 + 1.2·k/(K−1) for vertex k, so that the
    /// pairwise distances ||w_k − w_l|| differ. With heterogeneous classes the reconstructed bound of Rem. 4.9
    /// (claim permuted-bounds-vary, [reconstructed]) varies with the label permutation, so permutations are predicted to matter here.
    /// </summary>
    Heterogeneous,
}
