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
    ];

    /// <summary>
    /// The trajectory claims whose assumptions a finished run meets, evaluated on it with their default tolerances:
    /// CE→SVM in mode (b); margin growth for bias-free CE without decay; ETF emergence for the balanced joint mode
    /// without decay; the closed-form scale for the balanced regularized joint mode. Empty for other runs.
    /// </summary>
    public static IReadOnlyList<ClaimResult> ForRun(UfmResult r)
    {
        var c = r.Config;
        var list = new List<ClaimResult>();
        if (!r.Completed || c.Loss != UfmLoss.CrossEntropy) return list;
        var noDecay = c.LambdaW == 0 && c.LambdaH == 0 && c.LambdaB == 0;
        if (c.Mode == UfmMode.FixedFeatures && noDecay && c.Schedule == StepSchedule.Fixed && c.Momentum == 0)
            list.Add(new CeSvmDirectionClaim().Evaluate(r));
        if (noDecay && !c.Bias && c.Schedule == StepSchedule.Fixed) list.Add(new MarginGrowthClaim().Evaluate(r));
        if (c.Mode == UfmMode.Joint && noDecay && !c.Bias && c.Imbalance == 1) list.Add(new EtfEmergenceClaim().Evaluate(r));
        if (c.Mode == UfmMode.Joint && c.LambdaW > 0 && c.LambdaH > 0 && c.Imbalance == 1) list.Add(new RegularizedEtfScaleClaim().Evaluate(r));
        return list;
    }
}
