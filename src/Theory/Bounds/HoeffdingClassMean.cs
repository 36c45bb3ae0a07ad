namespace Collapse.Theory.Bounds;

/// <summary>
/// Concentration of a class feature mean, the step quoted from the proof of Gao et al. 2023 (arXiv 2310.08358) Thm 4.10
/// by an ICLR reviewer (docs/references.md#gao2023reviews); its derivation here [reconstructed]: for n i.i.d. vectors with coordinates in [−ρ, ρ],
/// mean μ and sample mean μ̂,
/// <code>P(‖μ̂ − μ‖₂ ≥ ε) ≤ 2d·exp(−nε² / (2d²ρ²))</code>
/// (Hoeffding per coordinate with deviation ε/d, range 2ρ, union bound over the d coordinates, ‖·‖₂ ≤ d·max|·|).
/// The theorem's final risk statement built on it is unknown [?] and not implemented.
/// </summary>
public static class HoeffdingClassMean
{
    /// <summary>Source string of the bound.</summary>
    public const string Source = "Gao et al. 2023 Thm 4.10 proof step (reviewer R4 quote) [R: coordinate-wise Hoeffding + union bound]";

    /// <summary>2d·exp(−nε²/(2d²ρ²)), unclipped (values ≥ 1 are vacuous).</summary>
    public static double Bound(int sampleSize, double epsilon, int dim, double rho)
    {
        Require.AtLeast(sampleSize, 1, "sampleSize");
        Require.Positive(epsilon, "epsilon");
        Require.AtLeast(dim, 1, "dim");
        Require.Positive(rho, "rho");
        return 2.0 * dim * Math.Exp(-sampleSize * epsilon * epsilon / (2.0 * dim * dim * rho * rho));
    }

    /// <summary>The bound as a <see cref="BoundEvaluation"/> (one term, <c>probability</c>).</summary>
    public static BoundEvaluation Evaluate(int sampleSize, double epsilon, int dim, double rho)
    {
        var b = Bound(sampleSize, epsilon, dim, rho);
        return new BoundEvaluation("hoeffdingClassMean", Source, b, [new BoundTerm("probability", b)], true);
    }

    /// <summary>Inverse: the ε at which the bound equals δ, ε(δ) = dρ·√(2·log(2d/δ)/n).</summary>
    public static double Radius(int sampleSize, double delta, int dim, double rho)
    {
        Require.AtLeast(sampleSize, 1, "sampleSize");
        Require.Probability(delta, "delta");
        Require.AtLeast(dim, 1, "dim");
        Require.Positive(rho, "rho");
        return dim * rho * Math.Sqrt(2.0 * Math.Log(2.0 * dim / delta) / sampleSize);
    }
}
