using Collapse.Properties.Tests.Core;
using Collapse.Properties.Tests.Generators;
using Collapse.Theory.Bounds;
using FsCheck.Xunit;

namespace Collapse.Properties.Tests.Bounds;

/// <summary>Margin losses (Mohri 2nd ed., Def. 5.5, eq. 9.6) on random margin samples.</summary>
[Properties(Arbitrary = new[] { typeof(BoundArbitraries) }, MaxTest = 100)]
public class MarginRiskProperties
{
    private static double[] Margins(FeatureSpec s)
    {
        var rng = new Random(s.Seed);
        var scale = Draw.LogUniform(rng, 1e-3, 1e3);
        var shift = (3 * rng.NextDouble() - 1) * scale;
        return Enumerable.Range(0, s.M * s.D).Select(_ => rng.Next(8) == 0 ? 0.0 : shift + scale * Collapse.Theory.Numerics.Gaussian.StandardNormal(rng)).ToArray();
    }

    [Property]
    public void MarginRiskIsAtLeastTheZeroOneRiskAndAtMostTheIndicatorRisk(FeatureSpec s)
    {
        var q = Margins(s);
        var gamma = Draw.LogUniform(new Random(s.Seed + 1), 1e-4, 1e4);
        double zo = MarginLoss.ZeroOneRisk(q), ramp = MarginLoss.EmpiricalMarginRisk(q, gamma), ind = MarginLoss.EmpiricalIndicatorRisk(q, gamma);
        Near.True(zo <= ramp && ramp <= ind, $"0-1 {zo:R} ≤ ramp {ramp:R} ≤ indicator {ind:R} fails at γ = {gamma:R}");
    }

    [Property]
    public void MarginRiskCurveMatchesPointwiseEvaluationAndIsMonotone(FeatureSpec s)
    {
        var q = Margins(s);
        var gammas = Enumerable.Range(0, 20).Select(j => Math.Pow(10, -4 + 0.4 * j)).ToArray();
        var curve = MarginLoss.EmpiricalMarginRisks(q, gammas);
        for (var j = 0; j < gammas.Length; j++)
        {
            Near.Equal(MarginLoss.EmpiricalMarginRisk(q, gammas[j]), curve[j], 1e-12, $"R̂ at γ = {gammas[j]:G3}");
            if (j > 0) Near.True(curve[j] >= curve[j - 1] - 1e-12, $"R̂ decreased from {curve[j - 1]:R} to {curve[j]:R}");
        }
    }
}
