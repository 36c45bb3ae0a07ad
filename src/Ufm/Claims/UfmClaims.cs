using Collapse.Theory.Claims;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;

namespace Collapse.Ufm.Claims;

/// <summary>The registry entries of the UFM trajectory claims, and the verdicts that apply to one finished run.</summary>
public static class UfmClaims
{
    /// <summary>Every UFM claim (for the claim registry).</summary>
    public static IReadOnlyList<IClaim> All() =>
    [
        new CeSvmDirectionClaim(), new NormalizedGdSvmClaim(), new MarginGrowthClaim(), new EtfEmergenceClaim(),
        new RegularizedEtfScaleClaim(), new MinorityCollapseClaim(),
        // MSE, balancedness, imbalance geometry and the layer-peeled model (docs/review-models.md)
        new MseStrongCollapseClaim(), new MseBiasFreeClosedFormClaim(), new MseCentralPathClaim(), new ConservationLawClaim(),
        new SeliImbalanceClaim(), new LayerPeeledBalancedEtfClaim(), new LayerPeeledMinorityCollapseClaim(), new FixedEtfImbalanceClaim(),
    ];

    /// <summary>
    /// The trajectory claims whose assumptions a finished run meets, evaluated on it with their default tolerances:
    /// CE→SVM in mode (b); margin growth for bias-free CE without decay (plain GD); ETF emergence for the balanced joint
    /// mode without decay (plain GD); the closed-form scale for the balanced regularized joint mode. Empty for other runs.
    /// </summary>
    public static IReadOnlyList<ClaimResult> ForRun(UfmResult r)
    {
        var c = r.Config;
        var list = new List<ClaimResult>();
        if (!r.Completed || c.Loss != UfmLoss.CrossEntropy) return list;
        var noDecay = c.LambdaW == 0 && c.LambdaH == 0 && c.LambdaB == 0;
        if (c.Mode == UfmMode.FixedFeatures && noDecay && c.Schedule == StepSchedule.Fixed && c.Momentum == 0)
            list.Add(new CeSvmDirectionClaim().Evaluate(r));
        var plainGd = c.Schedule == StepSchedule.Fixed && c.Momentum == 0; // the theorems are about GD / gradient flow
        if (noDecay && !c.Bias && plainGd) list.Add(new MarginGrowthClaim().Evaluate(r));
        if (c.Mode == UfmMode.Joint && noDecay && !c.Bias && c.Imbalance == 1 && plainGd) list.Add(new EtfEmergenceClaim().Evaluate(r));
        if (c.Mode == UfmMode.Joint && c.LambdaW > 0 && c.LambdaH > 0 && c.Imbalance == 1) list.Add(new RegularizedEtfScaleClaim().Evaluate(r));
        return list;
    }
}
