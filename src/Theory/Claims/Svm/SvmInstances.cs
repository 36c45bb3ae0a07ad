using Collapse.Theory.Etf;

namespace Collapse.Theory.Claims.Svm;

/// <summary>Random data that is separable by a bias-free multi-class linear classifier.</summary>
internal static class SvmInstances
{
    /// <summary>
    /// Either generic points with d ≥ N (any labelling is separable: W can map the independent h_i anywhere), or
    /// clusters around a scaled simplex ETF with noise small enough to keep every point on its own vertex's side.
    /// </summary>
    public static (double[] X, int[] Y, int K, int D, string Shape) Draw(Random rng, int maxClasses)
    {
        var k = 2 + rng.Next(maxClasses - 1);
        if (rng.Next(2) == 0)
        {
            var n = k + rng.Next(8);
            var d = n + rng.Next(3);
            var x = new double[n * d];
            for (var i = 0; i < x.Length; i++) x[i] = ClaimRandom.Normal(rng);
            var y = new int[n];
            for (var i = 0; i < n; i++) y[i] = i < k ? i : rng.Next(k);
            return (x, y, k, d, $"generic K={k} N={n} d={d}");
        }
        else
        {
            var d = k - 1 + rng.Next(3);
            var m = SimplexEtf.Random(k, d, rng.Next());
            var per = 1 + rng.Next(5);
            var n = k * per;
            var scale = ClaimRandom.LogUniform(rng, 0.1, 10);
            var noise = 0.2 / Math.Sqrt(d) * scale; // ‖ξ‖ ≲ 0.2·scale·(a few) < scale·K/(2(K−1)) margin to the boundary
            var x = new double[n * d];
            var y = new int[n];
            for (var i = 0; i < n; i++)
            {
                y[i] = i % k;
                for (var j = 0; j < d; j++) x[i * d + j] = scale * m[y[i], j] + noise * Math.Clamp(ClaimRandom.Normal(rng), -2, 2);
            }
            return (x, y, k, d, $"ETF clusters K={k} N={n} d={d} scale={CaseOutcome.F(scale)}");
        }
    }
}
