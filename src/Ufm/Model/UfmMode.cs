namespace Collapse.Ufm.Model;

/// <summary>Which blocks of the UFM are trained.</summary>
public enum UfmMode
{
    /// <summary>(a) Features H, classifier W and (optionally) bias b are all trained (Mixon et al. 2020; Zhu et al. 2021).</summary>
    Joint,
    /// <summary>(b) Features H are fixed (random or loaded from .npy); only W (and b) are trained: multiclass logistic regression (Soudry et al. 2018).</summary>
    FixedFeatures,
    /// <summary>(c) W is fixed to a simplex ETF under a chosen permutation/rotation; only H (and b) are trained (Yang et al. 2022).</summary>
    FixedEtf,
}
