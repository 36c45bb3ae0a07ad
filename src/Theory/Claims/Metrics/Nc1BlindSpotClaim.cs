using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>NC1 is blind to within-class scatter orthogonal to the means; the trace ratio is not.</summary>
public sealed class Nc1BlindSpotClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("nc1-blind-spot", ClaimKind.Identity)
    {
        Title = "NC1 = 0 with Tr Σ_W > 0 when the scatter is orthogonal to the means; the trace ratio sees it",
        Statement =
            "Class means in the first K−1 coordinates, noise only in coordinates K..d−1, re-centred per class: " +
            "(1/K)Tr(Σ_W Σ_B⁺) = 0 (to 1e-12 × nc1TraceRatio) while nc1TraceRatio = Tr Σ_W/Tr Σ_B > 0. Measured: nc1 / nc1TraceRatio.",
        Source = "Derived; the trace-ratio form of Tirer, Huang, Niles-Weed 2023",
        References = ["papyan2020", "tirer2023"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 7, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("perClass", 5, "samples per class", min: 2, max: 10000),
            ClaimParameter.Text("scatter", "orthogonal", "where the within-class scatter lives: orthogonal to the means (the statement) or in all coordinates (broken input, "
                + "falsifier)", "orthogonal", "all"),
        ],
        Falsifiers =
        [
            Falsifier.Of("scatter-along-the-means", "within-class scatter in every coordinate, not only orthogonal to the means", ("scatter", "all")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var per = p.Int("perClass");
        var first = p.Text("scatter") == "all" ? 0 : -1;
        return RunCases(p, context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var d = k + rng.Next(5);
            var m = SimplexEtf.Standard(k, k - 1) * ClaimRandom.LogUniform(rng, 0.1, 10);
            var sigma = ClaimRandom.LogUniform(rng, 0.1, 10);
            var n = k * per;
            var x = new double[n * d];
            var y = new int[n];
            for (var c = 0; c < k; c++)
            {
                var noise = new double[per, d];
                for (var r = 0; r < per; r++)
                    for (var j = first < 0 ? k - 1 : 0; j < d; j++) noise[r, j] = sigma * ClaimRandom.Normal(rng);
                for (var j = first < 0 ? k - 1 : 0; j < d; j++)
                {
                    var mean = 0.0;
                    for (var r = 0; r < per; r++) mean += noise[r, j];
                    mean /= per;
                    for (var r = 0; r < per; r++) noise[r, j] -= mean; // re-centre: the class mean stays m_c
                }
                for (var r = 0; r < per; r++)
                {
                    var i = c * per + r;
                    y[i] = c;
                    for (var j = 0; j < d; j++) x[i * d + j] = (j < k - 1 ? m[c, j] : 0) + noise[r, j];
                }
            }
            var rep = NcMetrics.Compute(x, y, k, d);
            if (!((rep.Nc1TraceRatio ?? double.NaN) > 0)) return new CaseOutcome(double.NaN, 0, double.PositiveInfinity, $"K={k} d={d}: trace ratio {(rep.Nc1TraceRatio ?? double.NaN)} is not > 0");
            var rel = rep.Nc1!.Value / (rep.Nc1TraceRatio ?? double.NaN);
            return CaseOutcome.Equal(rel, 0, $"K={k} d={d} σ={CaseOutcome.F(sigma)}: nc1 {CaseOutcome.F(rep.Nc1.Value)} while nc1TraceRatio {CaseOutcome.F((rep.Nc1TraceRatio ?? double.NaN))}");
        });
    }
}
