namespace Collapse.DeepValidation.Data;

/// <summary>How the class means of a <see cref="GaussianDataset"/> are placed.</summary>
public enum ClassGeometry
{
    /// <summary>Means on a (randomly rotated) simplex ETF: all pairwise distances equal <c>sep</c>.</summary>
    Etf,
    /// <summary>Gaussian random means, rescaled so that the mean pairwise distance is <c>sep</c>.</summary>
    Random,
    /// <summary>
    /// ETF directions with class-dependent radii r_k = sep_scale·(0.4 + 1.2·k/(K−1)): low-index classes sit near the
    /// centre and are hard to separate from each other, high-index classes are far apart. Pairwise separations are
    /// heterogeneous, the setting in which label–vertex alignment can matter (claim permuted-bounds-vary, [reconstructed]).
    /// </summary>
    Heterogeneous,
}
