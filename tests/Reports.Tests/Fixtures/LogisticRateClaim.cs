using System.Globalization;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Tests.Fixtures;

/// <summary>
/// Test-only asymptotic claim with a trajectory: gradient descent w ← w + η/(1+e^w) on L(w) = log(1+e^{−w})
/// (one separable sample) gives η·t·L(w_t) → 1 (so L ~ 1/(ηt) and the margin w_t ~ log(ηt)). Attaches the loss
/// curve (log–log) with the reference 1/(ηt), and the margin growth (log step axis).
/// </summary>
public sealed class LogisticRateClaim : Claim
{
    public override ClaimInfo Info { get; } = new("test-logistic-rate", ClaimKind.Asymptotic)
    {
        Title = "Logistic loss decays like 1/(ηt) under gradient descent",
        Source = "Soudry et al. 2018, JMLR, Thm. 3 (one-dimensional case; test fixture)",
        Statement = "For w₀ = 0 and w_{t+1} = w_t + η/(1+e^{w_t}), η·T·log(1+e^{−w_T}) → 1 as T → ∞.",
        Parameters = [
            ClaimParameter.Real("eta", 0.5, "step size η", min: 1e-12),
            ClaimParameter.Int("steps", 20000, "gradient steps T", min: 1),
            ClaimParameter.Real("tolerance", 0.01, "allowed |η·T·L(w_T) − 1|", min: 0),
        ],
    };

    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var eta = p.Real("eta");
        var steps = p.Int("steps");
        var tol = p.Real("tolerance");
        var t = new List<double>();
        var loss = new List<double>();
        var reference = new List<double>();
        var margin = new List<double>();
        double w = 0;
        var next = 1;
        for (var s = 1; s <= steps; s++)
        {
            w += eta / (1 + Math.Exp(w));
            if (s == next || s == steps)
            {
                t.Add(s);
                loss.Add(Math.Log(1 + Math.Exp(-w)));
                reference.Add(1 / (eta * s));
                margin.Add(w);
                next = Math.Max(next + 1, (int)(next * 1.1));
            }
        }
        var measured = eta * steps * Math.Log(1 + Math.Exp(-w));
        var holds = Math.Abs(measured - 1) <= tol;
        var parameters = new Dictionary<string, string>
        {
            ["eta"] = eta.ToString(CultureInfo.InvariantCulture),
            ["steps"] = steps.ToString(CultureInfo.InvariantCulture),
        };
        var detail = $"η·T·L(w_T) = {measured:G6} at T = {steps}; |· − 1| {(holds ? "≤" : ">")} {tol}";
        var result = new ClaimResult(Info.Id, parameters, measured, 1, tol, holds ? Verdict.Holds : Verdict.Fails, context.Seed, detail);
        var lossPlot = new PlotSpec("Loss vs step", "step t", "L(w_t)", true, true,
            [new PlotSeries("L(w_t)", t, loss), new PlotSeries("1/(ηt)", t, reference) { Style = SeriesStyle.Dashed }]);
        var marginPlot = new PlotSpec("Margin growth", "step t", "w_t", true, false, [new PlotSeries("w_t", t, margin)])
        {
            Markers = [new PlotMarker(steps / 10.0, "T/10")],
            Caption = "The margin grows like log(ηt).",
        };
        return new ClaimEvidence(result) { Plots = [lossPlot, marginPlot] };
    }
}
