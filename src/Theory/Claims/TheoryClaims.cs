using Collapse.Theory.Claims.Bounds;
using Collapse.Theory.Claims.Etf;
using Collapse.Theory.Claims.Loss;
using Collapse.Theory.Claims.Margins;
using Collapse.Theory.Claims.Metrics;
using Collapse.Theory.Claims.Svm;

namespace Collapse.Theory.Claims;

/// <summary>The claims implemented in Collapse.Theory (ETF, NC metrics, CE–margin relations, bounds).</summary>
public static class TheoryClaims
{
    /// <summary>Every Theory claim, grouped by topic.</summary>
    public static IEnumerable<IClaim> All()
    {
        // Simplex ETF facts (Papyan et al. 2020; Rankin 1955; Welch 1974)
        yield return new EtfGramClaim();
        yield return new EtfSpectrumClaim();
        yield return new EtfPairwiseValuesClaim();
        yield return new EtfAlignmentInvarianceClaim();
        yield return new RankinBoundClaim();
        yield return new WelchBoundClaim();
        // NC metric facts (NC1–NC4 of Papyan et al. 2020, CDNV, trace ratio)
        yield return new CollapseZeroClaim();
        yield return new SimilarityInvarianceClaim();
        yield return new Nc1GeneralLinearClaim();
        yield return new MetricsNonNegativeClaim();
        yield return new Nc1BlindSpotClaim();
        yield return new TotalCovarianceClaim();
        yield return new Nc3CosineClaim();
        yield return new EquinormMeanCosineClaim();
        yield return new NccMatchesClassifierClaim();
        yield return new CdnvNccBoundClaim();
        // CE–margin relations (reconstructed from Gao et al. 2023; Lyu & Li 2020)
        yield return new CeSandwichClaim();
        yield return new CeAggregateMarginClaim();
        yield return new SmallLossSeparatesClaim();
        yield return new CeBallMinimiserClaim();
        yield return new CeScaleLimitClaim();
        yield return new CeDecreasingInScaleClaim();
        yield return new CollapsedLossPermutationClaim();
        yield return new MarginScaleCovarianceClaim();
        yield return new MinMarginIsMinPairMarginClaim();
        yield return new MarginSignIsCorrectnessClaim();
        yield return new SmoothedMarginSandwichClaim();
        yield return new JensenCollapsedRiskClaim();
        // The CE ↔ multi-class SVM connection (reconstructed from Gao et al. 2023; certified SVM of Collapse.Theory.Svm)
        yield return new SvmCertifiedClaim();
        yield return new SvmMaxNormalizedMarginClaim();
        yield return new CeAtScaleIsSvmClaim();
        yield return new SvmEtfClosedFormClaim();
        // Bounds (Mohri et al. 2018; reconstructions from Gao et al. 2023)
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
