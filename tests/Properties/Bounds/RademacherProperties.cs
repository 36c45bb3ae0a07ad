using Collapse.Properties.Tests.Core;
using Collapse.Properties.Tests.Generators;
using Collapse.Theory.Bounds;
using FsCheck.Xunit;

namespace Collapse.Properties.Tests.Bounds;

/// <summary>Mohri et al., Foundations of ML 2nd ed., Thm 5.10 on random feature sets.</summary>
[Properties(Arbitrary = new[] { typeof(BoundArbitraries) }, MaxTest = 100)]
public class RademacherProperties
{
    [Property]
    public void EmpiricalRademacherIsAtMostTheAnalyticBound(FeatureSpec s)
    {
        var (x, b) = s.Build();
        var est = LinearRademacher.MonteCarlo(x, s.D, b, draws: 300, seed: s.Seed, confidence: 0.999);
        var jensen = LinearRademacher.JensenBound(x, s.D, b);
        var analytic = LinearRademacher.AnalyticBound(x, s.D, b);
        Near.True(est.Lower <= jensen * (1 + 1e-12), $"MC lower limit {est.Lower:R} > Jensen bound {jensen:R}");
        Near.True(jensen <= analytic * (1 + 1e-12), $"Jensen bound {jensen:R} > B·R/√m = {analytic:R}");
    }

    [Property]
    public void SupremumFormulaIsAttainedByTheNormalisedSignedSum(FeatureSpec s)
    {
        var (x, b) = s.Build();
        var rng = new Random(s.Seed);
        var signs = Enumerable.Range(0, s.M).Select(_ => rng.Next(2) == 0 ? -1 : 1).ToArray();
        var v = new double[s.D];
        for (var i = 0; i < s.M; i++) for (var j = 0; j < s.D; j++) v[j] += signs[i] * x[i * s.D + j];
        var norm = Math.Sqrt(v.Sum(t => t * t));
        var value = 0.0;
        for (var i = 0; i < s.M; i++) for (var j = 0; j < s.D; j++) value += signs[i] * (norm > 0 ? b * v[j] / norm : 0) * x[i * s.D + j];
        value /= s.M;
        Near.Equal(LinearRademacher.Supremum(x, s.D, b, signs), value, 1e-12 * Math.Max(1, b * LinearRademacher.Radius(x, s.D)), "sup over the ball");
    }
}
