using Collapse.Properties.Tests.Core;
using Collapse.Properties.Tests.Generators;
using Collapse.Theory.Bounds;
using FsCheck.Xunit;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Properties.Tests.Bounds;

/// <summary>
/// Every margin bound's terms are monotone: non-increasing in γ, m (with 𝔑 = BR/√m) and δ (Mohri Thm 9.2, Thm 5.9;
/// class-pair variant [R]); the uniform bound at γ = p_min decreases with p_min (paper-notes P8).
/// </summary>
[Properties(Arbitrary = new[] { typeof(BoundArbitraries) }, MaxTest = 100)]
public class MarginBoundMonotonicityProperties
{
    private static IEnumerable<(string Name, Func<double, int, double, double> Bound)> Bounds(MarginBoundSpec s)
    {
        yield return ("thm9.2", (g, m, d) => MulticlassMarginBound.Evaluate(s.Risk, s.K, g, s.RadiusTimesNorm / Math.Sqrt(m), m, d).Value);
        yield return ("thm9.2 empirical", (g, m, d) => MulticlassMarginBound.EvaluateEmpirical(s.Risk, s.K, g, s.RadiusTimesNorm / Math.Sqrt(m), m, d).Value);
        yield return ("uniform", (g, m, d) => UniformMarginBound.Evaluate(s.Risk, s.K, g, s.RadiusTimesNorm / Math.Sqrt(m), m, d, s.Range).Value);
        var k = Math.Min(s.K, 6);
        var rng = new Random(s.M);
        var shape = Matrix<double>.Build.Dense(k, k, (a, b) => a == b ? 0 : Draw.LogUniform(rng, 0.2, 1));
        yield return ("classPair", (g, m, d) => ClassPairMarginBound.Evaluate(shape * g,
            Enumerable.Repeat(s.RadiusTimesNorm / Math.Sqrt(m), k).ToArray(), Enumerable.Repeat(m, k).ToArray(),
            Enumerable.Repeat(1.0 / k, k).ToArray(), s.Range, d).Value);
    }

    private static void NotLarger(double before, double after, string what) =>
        Near.True(after <= before * (1 + 1e-12), $"{what}: bound grew from {before:R} to {after:R}");

    [Property]
    public void BoundsDecreaseAsGammaGrows(MarginBoundSpec s)
    {
        var g2 = Math.Min(s.Range, s.Gamma * 1.7);
        foreach (var (name, b) in Bounds(s)) NotLarger(b(s.Gamma, s.M, s.Delta), b(g2, s.M, s.Delta), $"{name}, γ {s.Gamma:G4} → {g2:G4}");
    }

    [Property]
    public void BoundsDecreaseAsTheSampleGrows(MarginBoundSpec s)
    {
        var m2 = s.M + 1 + s.M / 3;
        foreach (var (name, b) in Bounds(s)) NotLarger(b(s.Gamma, s.M, s.Delta), b(s.Gamma, m2, s.Delta), $"{name}, m {s.M} → {m2}");
    }

    [Property]
    public void BoundsDecreaseAsDeltaGrows(MarginBoundSpec s)
    {
        var d2 = Math.Min(0.99, s.Delta * 3);
        foreach (var (name, b) in Bounds(s)) NotLarger(b(s.Gamma, s.M, s.Delta), b(s.Gamma, s.M, d2), $"{name}, δ {s.Delta:G4} → {d2:G4}");
    }

    [Property]
    public void UniformBoundAtTheMinimumMarginDecreasesWithIt(MarginBoundSpec s)
    {
        var p2 = Math.Min(s.Range, s.Gamma * 2.5);
        var rad = s.RadiusTimesNorm / Math.Sqrt(s.M);
        NotLarger(UniformMarginBound.AtMinimumMargin(s.Gamma, s.K, rad, s.M, s.Delta, s.Range).Value,
            UniformMarginBound.AtMinimumMargin(p2, s.K, rad, s.M, s.Delta, s.Range).Value, $"p_min {s.Gamma:G4} → {p2:G4}");
    }
}
