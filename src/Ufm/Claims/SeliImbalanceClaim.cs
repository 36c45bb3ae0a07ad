using Collapse.Theory.Claims;
using Collapse.Theory.Geometry;
using Collapse.Ufm.Model;
using Collapse.Ufm.Simulation;
using MathNet.Numerics.LinearAlgebra;
using static Collapse.Ufm.Claims.ReviewClaimSupport;

namespace Collapse.Ufm.Claims;

/// <summary>Typed parameters of <see cref="SeliImbalanceClaim"/>.</summary>
/// <param name="Classes">K.</param>
/// <param name="Dim">d (≥ K−1).</param>
/// <param name="PerClass">n of the majority classes.</param>
/// <param name="Imbalance">R &gt; 1 (step imbalance of docs/ufm.md).</param>
/// <param name="Lambdas">Decreasing-to-0 sequence of λ = λ_W = λ_H (given increasing; one run each).</param>
/// <param name="StepsFactor">Steps of the run at λ: factor/λ (GD converges at a rate ∝ λ).</param>
/// <param name="InitScale">Initialisation scale.</param>
/// <param name="Tolerance">Largest allowed |intercept| of the fit distance ≈ a/log(1/λ) + c (the λ → 0 limit).</param>
/// <param name="EtfTarget">False variant: compare with the balanced-case geometry (simplex ETF) instead of SELI.</param>
public sealed record SeliImbalanceParameters(int Classes, int Dim, int PerClass, double Imbalance, IReadOnlyList<double> Lambdas, double StepsFactor,
    double InitScale, double Tolerance, bool EtfTarget);

/// <summary>
/// Under class imbalance and vanishing regularisation the CE UFM tends to the SELI geometry (Thrampoulidis, Kini,
/// Vakilian, Behnia 2022): W Wᵀ ∝ (ẐẐᵀ)^{1/2}, HᵀH ∝ (ẐᵀẐ)^{1/2}, W H ∝ Ẑ, computed from the SVD of Ẑ
/// (<see cref="SeliGeometry"/>, no SVM solver).
/// </summary>
public sealed class SeliImbalanceClaim : UfmClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("ufm-seli-imbalance", ClaimKind.Asymptotic)
    {
        Title = "Imbalanced CE UFM with vanishing regularisation tends to the SELI geometry (not the ETF)",
        Statement =
            "Joint CE UFM without bias, step imbalance R > 1, λ_W = λ_H = λ; GD to convergence at each λ of a sequence → 0. The direction distances "
            + "‖A/‖A‖ − B/‖B‖‖_F of WWᵀ to (ẐẐᵀ)^{1/2}, of HᵀH to (ẐᵀẐ)^{1/2} and of WH to Ẑ (Ẑ = Y − 11ᵀ/K, SVD-computed) strictly decrease as λ decreases, "
            + "and the fit distance ≈ a/log(1/λ) + c extrapolates to |c| ≤ tolerance at λ → 0. [reconstructed] The SELI formulas are rebuilt from the "
            + "paper's abstract (the balanced factorisation of Ẑ); the 1/log(1/λ) rate is an observation used for the extrapolation, not a theorem.",
        Source = "Thrampoulidis, Kini, Vakilian, Behnia 2022, NeurIPS, \"Imbalance trouble: revisiting neural-collapse geometry\" (arXiv 2208.05512)",
        References = ["thrampoulidis2022"],
        Parameters =
        [
            ClaimParameter.Int("classes", 4, "number of classes K", min: 2, max: 1000),
            ClaimParameter.Int("dim", 6, "feature dimension d (≥ K − 1)", min: 1, max: 10000),
            ClaimParameter.Int("perClass", 5, "samples per majority class n", min: 1, max: 10000),
            ClaimParameter.Real("imbalance", 5, "imbalance ratio R (step imbalance of docs/ufm.md); balanced sizes are not informative", min: 1, max: 1e6),
            ClaimParameter.RealList("lambdas", "3e-4,1e-3,3e-3,1e-2", "λ = λ_W = λ_H of the runs, strictly increasing, at least 3 (the check reads them towards λ → 0)", min: 1e-12, max: 0.5),
            ClaimParameter.Real("stepsFactor", 20, "steps of the run at λ: stepsFactor/λ", min: 1e-3, max: 1e6),
            ClaimParameter.Real("initScale", 0.1, "scale of the random initialisation", min: 1e-12, max: 1000),
            ClaimParameter.Real("tolerance", 0.05, "largest |intercept| of the fit a/log(1/λ) + c (measured ≤ 0.0135 over 4 configurations × 10 seeds)", min: 0),
            ClaimParameter.Text("geometry", "seli", "seli = the SVD geometry of Ẑ (the statement); etf compares with the balanced-case simplex ETF (falsifier)", "seli", "etf"),
        ],
        Falsifiers =
        [
            Falsifier.Of("etf-target", "the balanced-case simplex ETF geometry as the λ → 0 limit instead of SELI", ("geometry", "etf")),
        ],
    };

    /// <summary>The typed parameters of a resolved check.</summary>
    public static SeliImbalanceParameters Read(ClaimParameters p, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(context);
        return new SeliImbalanceParameters(p.Int("classes"), p.Int("dim"), p.Int("perClass"), p.Real("imbalance"), p.RealList("lambdas"), p.Real("stepsFactor"),
            p.Real("initScale"), p.Real("tolerance"), p.Text("geometry") == "etf");
    }

    /// <inheritdoc />
    protected override void Validate(ClaimParameters p)
    {
        var v = p.RealList("lambdas");
        p.Require(v.Count >= 3, "lambdas", "at least 3 values");
        for (var i = 1; i < v.Count; i++) p.Require(v[i] > v[i - 1], "lambdas", "strictly increasing values");
    }

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context) => Evaluate(Read(p, context), context.Seed, p.AsStrings());

    /// <summary>The check on typed parameters: one regularised GD run per λ, their distances to SELI and the extrapolation to λ → 0.</summary>
    public ClaimEvidence Evaluate(SeliImbalanceParameters p, int seed, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(p);
        int k = p.Classes, d = p.Dim;
        if (d < k - 1) return new ClaimEvidence(Inconclusive(parameters, seed, $"d = {d} < K − 1: the geometry needs d ≥ K − 1"));
        var config0 = new UfmConfig { Classes = k, Dim = d, PerClass = p.PerClass, Imbalance = p.Imbalance };
        var counts = config0.ClassCounts();
        if (counts.Distinct().Count() == 1)
            return new ClaimEvidence(Inconclusive(parameters, seed, $"not informative: the class sizes ({string.Join(", ", counts)}) are balanced, where SELI is the simplex ETF; "
                + $"use imbalance > 1 with a minority size that differs"));
        var lambdas = p.Lambdas.Reverse().ToArray(); // decreasing λ
        var runs = lambdas.Select(l => UfmSimulator.Run(config0 with
        {
            Mode = UfmMode.Joint,
            LambdaW = l,
            LambdaH = l,
            Steps = (long)Math.Ceiling(p.StepsFactor / l),
            InitScale = p.InitScale,
            Seed = seed,
            Svm = SvmPolicy.Never,
            LogPointsPerDecade = 5,
        })).ToList();
        var seli = SeliGeometry.Of(runs[0].Labels, k);
        var (targetW, targetH) = p.EtfTarget ? EtfTargets(runs[0].Labels, k) : (seli.ClassifierGram, seli.FeatureGram);
        var names = new[] { "WWᵀ vs (ẐẐᵀ)^½", "HᵀH vs (ẐᵀẐ)^½", "WH vs Ẑ" };
        if (p.EtfTarget) names = ["WWᵀ vs ETF Gram", "HᵀH vs ETF-collapsed Gram", "WH vs Ẑ"];
        var dist = new double[3][];
        for (var q = 0; q < 3; q++) dist[q] = new double[runs.Count];
        var etfDistance = new double[runs.Count];
        var (etfW, _) = EtfTargets(runs[0].Labels, k);
        for (var i = 0; i < runs.Count; i++)
        {
            var w = Matrix(runs[i].W, k, d);
            var h = Matrix(runs[i].H, runs[i].Labels.Length, d);
            var ww = w.TransposeAndMultiply(w);
            dist[0][i] = SeliGeometry.DirectionDistance(ww, targetW);
            dist[1][i] = SeliGeometry.DirectionDistance(h.TransposeAndMultiply(h), targetH);
            dist[2][i] = SeliGeometry.DirectionDistance(w.TransposeAndMultiply(h), seli.LabelMatrix);
            etfDistance[i] = SeliGeometry.DirectionDistance(ww, etfW);
        }
        var x = lambdas.Select(l => 1 / Math.Log(1 / l)).ToArray();
        var fits = dist.Select(v => Line(x, v)).ToArray();
        var violations = new List<string>();
        for (var q = 0; q < 3; q++)
        {
            for (var i = 1; i < runs.Count; i++)
                if (!(dist[q][i] < dist[q][i - 1]))
                    violations.Add($"{names[q]}: distance did not decrease from λ = {Num(lambdas[i - 1])} ({dist[q][i - 1]:F6}) to λ = {Num(lambdas[i])} ({dist[q][i]:F6})");
            if (!(Math.Abs(fits[q].Intercept) <= p.Tolerance))
                violations.Add($"{names[q]}: the λ → 0 limit of the fit a/log(1/λ) + c is c = {fits[q].Intercept:F5}, |c| > tolerance {Num(p.Tolerance)}");
        }
        var measured = fits.Max(f => Math.Abs(f.Intercept));
        var verdict = violations.Count == 0 ? Verdict.Holds : Verdict.Fails;
        var curves = string.Join("; ", Enumerable.Range(0, 3).Select(q =>
            $"{names[q]}: {string.Join(" → ", dist[q].Select(v => v.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))} (fit a = {fits[q].Slope:F3}, c = {fits[q].Intercept:F4})"));
        var detail = $"class sizes {string.Join(", ", counts)}, λ = {string.Join(", ", lambdas.Select(Num))}: {curves}; distance of WWᵀ to the ETF Gram "
                     + $"{string.Join(" → ", etfDistance.Select(v => v.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)))} (SELI ≠ ETF under imbalance)"
                     + (p.EtfTarget ? " [false variant: ETF target]" : "") + ".";
        var result = new ClaimResult(Info.Id, parameters, measured, 0, p.Tolerance, verdict, seed, detail);
        var series = new List<PlotSeries>();
        for (var q = 0; q < 3; q++)
        {
            series.Add(Series(names[q], x, dist[q], false, false, SeriesStyle.Points) with { ColorSlot = q });
            series.Add(new PlotSeries($"fit {fits[q].Slope:F2}/log(1/λ) {(fits[q].Intercept < 0 ? "−" : "+")} {Math.Abs(fits[q].Intercept):F3}", [0, x.Max()],
                [fits[q].Intercept, fits[q].Intercept + fits[q].Slope * x.Max()])
            { Style = SeriesStyle.Dashed, ColorSlot = q });
        }
        if (!p.EtfTarget) series.Add(Series("WWᵀ vs ETF Gram (contrast)", x, etfDistance, false, false, SeriesStyle.Points) with { ColorSlot = 3 });
        var plot = new PlotSpec("Distance to the SELI geometry vs 1/log(1/λ)", "1/log(1/λ)  (λ → 0 at the left)", "direction distance", false, false, TrajectoryPlots.NonEmpty(series))
        {
            Caption = "Each point is a GD run converged at one λ; the dashed fits extrapolate to λ → 0 at x = 0, where the SELI distances vanish while the ETF distance stays large.",
        };
        var loss = TrajectoryPlots.Loss(runs.Select(r => ($"λ = {Num(r.Config.LambdaW)}", r.Trajectory)).ToList(), "Each regularised run converges (the objective levels off) "
            + "before its geometry is read.");
        return new ClaimEvidence(result)
        {
            Plots = TrajectoryPlots.Drawable([plot, loss]),
            FalsifyingInstance = verdict == Verdict.Fails ? TrajectoryPlots.Falsifying(runs, violations) : null,
        };
    }

    /// <summary>The balanced-case (neural-collapse) targets: W Wᵀ ∝ P_K and HᵀH with entries (P_K)_{y_i y_j}.</summary>
    private static (Matrix<double> W, Matrix<double> H) EtfTargets(IReadOnlyList<int> labels, int k)
    {
        var pk = Matrix<double>.Build.DenseIdentity(k) - Matrix<double>.Build.Dense(k, k, 1.0 / k);
        var n = labels.Count;
        return (pk, Matrix<double>.Build.Dense(n, n, (i, j) => pk[labels[i], labels[j]]));
    }
}
