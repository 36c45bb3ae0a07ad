using Collapse.LeSde.Analysis;

namespace Collapse.LeSde.Experiments;

/// <summary>One schedule of the separation experiment: the separable fraction (with its Wilson interval) at each checkpoint.</summary>
/// <param name="Exponent">p of α_t, β_t ∝ t^{−p}.</param>
/// <param name="Times">Checkpoint times.</param>
/// <param name="Separable">Wilson interval of the fraction of runs with every class pair separable, per checkpoint.</param>
/// <param name="MedianRatio">Median over runs of the separation ratio min‖F̄_k − F̄_l‖/(2√TrΣ_W), per checkpoint.</param>
public sealed record SeparationCurve(double Exponent, IReadOnlyList<double> Times, IReadOnlyList<WilsonInterval> Separable, IReadOnlyList<double> MedianRatio)
{
    /// <summary>The interval at the horizon.</summary>
    public WilsonInterval Final => Separable[^1];
}
