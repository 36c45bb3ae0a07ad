using Collapse.Theory.Statistics;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>Equinorm centred means have mean pairwise cosine −1/(K−1); with one common angle they form an ETF.</summary>
public sealed class EquinormMeanCosineClaim : TheoryClaim
{
    /// <inheritdoc />
    public override ClaimInfo Info { get; } = new("equinorm-forces-etf-angle", ClaimKind.Identity)
    {
        Title = "Equinorm class-balanced centred means have average cosine −1/(K−1) (so equiangular ⇒ ETF)",
        Statement =
            "If the centred means μ̃_k = μ_k − (1/K)Σ_l μ_l all have norm r > 0, the average pairwise cosine is exactly −1/(K−1); " +
            "hence a common pairwise cosine must be −1/(K−1) (NC2 ⇒ simplex ETF). Random equinorm configurations (± pairs and a " +
            "random 120° triple, not ETFs), means from ClassStatistics. Measured: the average cosine.",
        Source = "Derived: ‖Σ_k μ̃_k‖² = 0 = K r²(1 + (K−1)c̄) (NC2 of Papyan et al. 2020)",
        References = ["papyan2020"],
        Parameters =
        [
            ClaimParameter.Int("maxClasses", 12, "largest number of classes K drawn", min: 2, max: 1000),
            ClaimParameter.Int("cosineOffset", 1, "the average cosine is −1/(K − cosineOffset): 1 = the statement; 0 gives −1/K (deliberately false variant, falsifier)", min: 0, max: 1),
        ],
        Falsifiers =
        [
            Falsifier.Of("cosine-minus-one-over-k", "the average cosine −1/K instead of −1/(K−1)", ("cosineOffset", "0")),
        ],
    };

    /// <inheritdoc />
    protected override ClaimEvidence Run(ClaimParameters p, ClaimContext context)
    {
        var maxK = p.Int("maxClasses");
        var offset = p.Int("cosineOffset");
        return RunCases(p, context, 1e-12, seed =>
        {
            var rng = new Random(seed);
            var k = 2 + rng.Next(maxK - 1);
            var d = 2 + rng.Next(6);
            var r = ClaimRandom.LogUniform(rng, 0.1, 10);
            var dirs = EquinormSumZero(rng, k, d);
            var centre = Enumerable.Range(0, d).Select(_ => 5 * ClaimRandom.Normal(rng)).ToArray();
            // Two samples per class placed symmetrically around each mean (so μ_k is exact).
            var x = new double[2 * k * d];
            var y = new int[2 * k];
            for (var c = 0; c < k; c++)
            {
                var e = new double[d];
                ClaimRandom.UnitVector(rng, e);
                for (var s = 0; s < 2; s++)
                {
                    y[2 * c + s] = c;
                    for (var j = 0; j < d; j++) x[(2 * c + s) * d + j] = centre[j] + r * dirs[c][j] + (s == 0 ? 1 : -1) * e[j];
                }
            }
            var mt = ClassStatisticsAccumulator.Of(x, y, k, d).CentredMeans();
            double sum = 0;
            var pairs = 0;
            for (var a = 0; a < k; a++)
                for (var b = a + 1; b < k; b++, pairs++)
                    sum += mt.Row(a) * mt.Row(b) / (mt.Row(a).L2Norm() * mt.Row(b).L2Norm());
            return CaseOutcome.Equal(sum / pairs, -1.0 / (k - offset), $"K={k} d={d} r={CaseOutcome.F(r)}");
        });
    }

    /// <summary>K unit vectors summing to 0: ± pairs, plus one random 120° triple when K is odd.</summary>
    private static double[][] EquinormSumZero(Random rng, int k, int d)
    {
        var dirs = new List<double[]>();
        if (k % 2 == 1)
        {
            var u = new double[d];
            var v = new double[d];
            ClaimRandom.UnitVector(rng, u);
            ClaimRandom.UnitVector(rng, v);
            var dot = u.Zip(v, (p, q) => p * q).Sum();
            for (var j = 0; j < d; j++) v[j] -= dot * u[j];
            var n = Math.Sqrt(v.Sum(t => t * t));
            for (var j = 0; j < d; j++) v[j] /= n;
            for (var t = 0; t < 3; t++)
            {
                var ang = 2 * Math.PI * t / 3;
                dirs.Add(Enumerable.Range(0, d).Select(j => Math.Cos(ang) * u[j] + Math.Sin(ang) * v[j]).ToArray());
            }
        }
        while (dirs.Count < k)
        {
            var u = new double[d];
            ClaimRandom.UnitVector(rng, u);
            dirs.Add(u);
            dirs.Add(u.Select(t => -t).ToArray());
        }
        return [.. dirs];
    }
}
