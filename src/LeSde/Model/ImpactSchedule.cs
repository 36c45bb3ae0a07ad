namespace Collapse.LeSde.Model;

/// <summary>
/// The intra-class impact α_t = a·r(t) and inter-class impact β_t = b·r(t) with the common rate r(t) = t^{−p}
/// (our choice of schedule; the review leaves it open). γ_t = min{α_t − β_t, α_t + (K−1)β_t} is then
/// min{a − b, a + (K−1)b}·t^{−p}: ω(1/t) for p &lt; 1, Θ(1/t) for p = 1 and o(1/t) for p &gt; 1.
/// </summary>
/// <param name="Intra">a, the intra-class impact at t = 1.</param>
/// <param name="Inter">b, the inter-class impact at t = 1.</param>
/// <param name="Exponent">p, the decay exponent of r(t) = t^{−p}.</param>
public sealed record ImpactSchedule(double Intra, double Inter, double Exponent)
{
    /// <summary>r(t) = t^{−p}.</summary>
    public double Rate(double t) => Math.Pow(t, -Exponent);

    /// <summary>α_t.</summary>
    public double Alpha(double t) => Intra * Rate(t);

    /// <summary>β_t.</summary>
    public double Beta(double t) => Inter * Rate(t);

    /// <summary>γ_t = min{α_t − β_t, α_t + (K−1)β_t}: the smallest eigenvalue of the K×K impact matrix E_t = (α_t − β_t)I + β_t 11ᵀ.</summary>
    public double Gamma(double t, int classes) => Math.Min(Alpha(t) - Beta(t), Alpha(t) + (classes - 1) * Beta(t));

    /// <summary>∫_{t0}^{t} r(s) ds in closed form (log(t/t0) at p = 1).</summary>
    public double IntegratedRate(double t0, double t) => Exponent == 1
        ? Math.Log(t / t0)
        : (Math.Pow(t, 1 - Exponent) - Math.Pow(t0, 1 - Exponent)) / (1 - Exponent);

    /// <summary>The rate class of γ_t relative to 1/t: "ω(1/t)", "Θ(1/t)" or "o(1/t)".</summary>
    public string RateClass => Exponent < 1 ? "ω(1/t)" : Exponent > 1 ? "o(1/t)" : "Θ(1/t)";
}
