namespace Collapse.Ufm.Model;

/// <summary>Per-sample loss of the unconstrained-features model (averaged over the N samples, see docs/ufm.md).</summary>
public enum UfmLoss
{
    /// <summary>Cross-entropy ℓ(z, y) = log(1 + Σ_{j≠y} exp(z_j − z_y)) (Papyan, Han, Donoho 2020; Zhu et al. 2021).</summary>
    CrossEntropy,
    /// <summary>Squared error ℓ(z, y) = ½‖z − e_y‖² (Han, Papyan, Donoho 2022; Tirer and Bruna 2022).</summary>
    Mse,
}
