using Collapse.Properties.Tests.Core;
using Collapse.Properties.Tests.Generators;
using Collapse.Theory.Bounds;
using FsCheck.Xunit;

namespace Collapse.Properties.Tests.Bounds;

/// <summary>
/// Paper-notes P7 (Gao et al. 2023 Rem 4.9 [R]): brute force over all K! label permutations (K ≤ 6) of the covering
/// bounds and the class-pair margin bound.
/// </summary>
[Properties(Arbitrary = new[] { typeof(BoundArbitraries) }, MaxTest = 100)]
public class PermutedBoundProperties
{
    [Property]
    public void AtAnExactEtfWithEqualMarginsEveryPermutedBoundIsEqual(PermutedSpec spec)
    {
        var s = (spec with { EqualMargins = true }).Build();
        foreach (var (name, f) in new (string, Func<int[], double>)[] { ("paper", s.PaperBound), ("expected", s.ExpectedBound), ("classPair", s.PairBound) })
        {
            var r = PermutationSweep.Over(s.K, f);
            Near.True(r.Spread <= 1e-12 * r.Max, $"{name}: bound ranges {r.Min:R}..{r.Max:R} over {r.Count} permutations");
        }
    }

    [Property]
    public void WithHeterogeneousMarginsAndClassComplexitiesPermutationsChangeTheBound(PermutedSpec spec)
    {
        var s = (spec with { EqualMargins = false }).Build();
        foreach (var (name, f) in new (string, Func<int[], double>)[] { ("paper", s.PaperBound), ("expected", s.ExpectedBound), ("classPair", s.PairBound) })
        {
            var r = PermutationSweep.Over(s.K, f);
            Near.True(r.Spread > 1e-9 * r.Max, $"{name}: all {r.Count} permutations give {r.Min:R}..{r.Max:R}");
        }
    }
}
