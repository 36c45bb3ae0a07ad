using Collapse.Theory.Claims.Bounds;

namespace Collapse.Theory.Claims;

/// <summary>The claims implemented in Collapse.Theory (ETF, NC metrics, CE–margin relations, bounds).</summary>
public static class TheoryClaims
{
    /// <summary>Every Theory claim, grouped by topic.</summary>
    public static IEnumerable<IClaim> All()
    {
        // Bounds (Mohri et al.; Gao et al. 2023 reconstructions)
        yield return new RademacherLinearBoundClaim();
        yield return new RademacherJensenChainClaim();
        yield return new RademacherExactSupremumClaim();
        yield return new RampSandwichClaim();
        yield return new MarginRiskMonotoneClaim();
        yield return new MarginBoundsMonotoneClaim();
        yield return new UniformBoundMonotoneInMarginClaim();
        yield return new FixedMarginBoundCoverageClaim();
        yield return new UniformMarginBoundCoverageClaim();
        yield return new ClassPairBoundCoverageClaim();
        yield return new LipschitzMarginTransferClaim();
        yield return new CoveringUncoveredMassClaim();
        yield return new PermutedBoundsInvariantAtEtfClaim();
        yield return new PermutedBoundsVaryClaim();
        yield return new HoeffdingClassMeanClaim();
    }
}
