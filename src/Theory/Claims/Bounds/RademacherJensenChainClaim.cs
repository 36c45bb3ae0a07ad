using Collapse.Theory.Bounds;

namespace Collapse.Theory.Claims.Bounds;

/// <summary>R̂_S ≤ (B/m)√(Σ‖h_i‖²) ≤ B·R/√m: the two steps of the proof of Mohri et al. 2018, Thm 5.10.</summary>
public sealed class RademacherJensenChainClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("rademacher-jensen-chain", ClaimKind.Inequality)
    {
        Title = "Rademacher complexity ≤ Jensen bound ≤ analytic bound",
        Statement =
            "(B/m)·E_σ‖Σσ_i h_i‖ ≤ (B/m)·√(Σ_i‖h_i‖²) ≤ B·max_i‖h_i‖/√m (Jensen, then max ≥ mean). Measured: the larger " +
            "of (MC lower 99.9% limit − Jensen) and (Jensen − analytic), relative to the analytic bound. Informative: the Jensen bound exceeds B·(mean_i ‖h_i‖)/√m (the analytic bound with the "
                + "mean norm is refuted on the case); tightness: the Monte-Carlo estimate / the analytic bound.",
        Source = "Mohri, Rostamizadeh, Talwalkar 2018, Foundations of Machine Learning, 2nd ed., proof of Thm 5.10",
        References = ["mohri2018"],
        Parameters =
        [
            ClaimParameter.Int("maxSamples", 64, "largest number of samples m drawn", min: 1, max: 100000),
            ClaimParameter.Int("maxDim", 16, "largest dimension d drawn", min: 1, max: 10000),
            ClaimParameter.Int("draws", 400, "Monte-Carlo draws of the Rademacher signs", min: 2, max: 1000000),
            ClaimParameter.Text("radius", "max", "R in the analytic bound B·R/√m: max (max_i ‖h_i‖, the statement) or mean (the mean norm, below the rms: deliberately false "
                + "variant, falsifier)", "max", "mean"),
        ],
        Falsifiers =
        [
            Falsifier.Of("mean-norm-radius", "the analytic bound with the mean feature norm instead of the largest", ("radius", "mean")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxM = p.Int("maxSamples");
        var maxD = p.Int("maxDim");
        var draws = p.Int("draws");
        var meanRadius = p.Text("radius") == "mean";
        return RunCases(p, context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var m = 1 + rng.Next(maxM);
            var d = 1 + rng.Next(maxD);
            var b = ClaimRandom.LogUniform(rng, 0.1, 10);
            var (x, shape) = ClaimRandom.Features(rng, m, d);
            var est = LinearRademacher.MonteCarlo(x, d, b, draws, rng.Next(), confidence: 0.999);
            var jensen = LinearRademacher.JensenBound(x, d, b);
            var analytic = meanRadius ? MeanNormBound(x, m, d, b) : LinearRademacher.AnalyticBound(x, d, b);
            var excess = Math.Max(est.Lower - jensen, jensen - analytic) / analytic;
            var meanBound = meanRadius ? analytic : MeanNormBound(x, m, d, b);
            return new CaseOutcome(excess, 0, excess,
                $"m={m} d={d} {shape} features: MC {CaseOutcome.F(est.Mean)} ≤ Jensen {CaseOutcome.F(jensen)} ≤ analytic {CaseOutcome.F(analytic)}")
            {
                Tightness = est.Mean / analytic,
                Informative = (jensen - meanBound) / meanBound > 1e-12,
            };
        });
    }

    /// <summary>The false analytic bound B·(mean_i ‖h_i‖)/√m (the mean norm is below the rms the Jensen step gives).</summary>
    private static double MeanNormBound(double[] x, int m, int d, double b)
    {
        var sum = 0.0;
        for (var i = 0; i < m; i++)
        {
            var s = 0.0;
            for (var j = 0; j < d; j++) s += x[i * d + j] * x[i * d + j];
            sum += Math.Sqrt(s);
        }
        return b * sum / m / Math.Sqrt(m);
    }
}
