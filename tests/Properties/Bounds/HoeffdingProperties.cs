using Collapse.Properties.Tests.Core;
using Collapse.Properties.Tests.Generators;
using Collapse.Theory.Bounds;
using FsCheck.Xunit;

namespace Collapse.Properties.Tests.Bounds;

/// <summary>Paper-notes P5 (Gao et al. 2023 Thm 4.10 proof step [R]): the Monte-Carlo frequency never beats the bound.</summary>
[Properties(Arbitrary = new[] { typeof(BoundArbitraries) }, MaxTest = 100)]
public class HoeffdingProperties
{
    [Property]
    public void FrequencyOfLargeMeanDeviationIsAtMostTheHoeffdingBound(HoeffdingSpec s)
    {
        const int trials = 300;
        var rng = new Random(s.Seed);
        var mean = new double[s.D];
        var hits = 0;
        for (var t = 0; t < trials; t++)
        {
            Array.Clear(mean);
            for (var i = 0; i < s.N; i++)
                for (var j = 0; j < s.D; j++)
                    mean[j] += s.Signs ? (rng.Next(2) == 0 ? -s.Rho : s.Rho) : s.Rho * (2 * rng.NextDouble() - 1);
            var sq = 0.0;
            for (var j = 0; j < s.D; j++) sq += mean[j] / s.N * (mean[j] / s.N);
            if (Math.Sqrt(sq) >= s.Epsilon) hits++;
        }
        var bound = HoeffdingClassMean.Bound(s.N, s.Epsilon, s.D, s.Rho);
        var allowance = Draw.BinomialAllowance(trials, Math.Min(1, bound));
        Near.True(hits <= allowance, $"{hits}/{trials} deviations ≥ ε, bound {bound:R} allows at most {allowance}");
    }
}
