using Collapse.Theory.Etf;

namespace Collapse.Theory.Claims.Metrics;

/// <summary>
/// Balanced labelled feature sets for the CDNV→NCC bound: Gaussian mixtures with a within-class scale set so that the
/// bound 4(K−1)·CDNV lands log-uniformly in [0.01, 3] (mostly informative, loose), and near-extremal two-point mixtures
/// where the bound is nearly attained (each class pushes a mass q just past the midpoint towards a partner class,
/// balanced by a small opposite shift; the other classes are far).
/// </summary>
internal static class CdnvNccInstances
{
    public sealed record Instance(double[] Features, int[] Labels, int Classes, int Dim, string Description);

    public static Instance Draw(Random rng) => rng.Next(2) == 0 ? Gaussian(rng) : NearExtremal(rng);

    public static Instance Gaussian(Random rng)
    {
        var k = 2 + rng.Next(9);
        var d = 1 + rng.Next(30);
        var n = 10 + rng.Next(191);
        var etf = d >= k - 1 && rng.Next(2) == 0;
        var means = new double[k * d];
        if (etf)
        {
            var m = SimplexEtf.Random(k, d, rng.Next());
            for (var c = 0; c < k; c++)
                for (var j = 0; j < d; j++) means[c * d + j] = m[c, j];
        }
        else
            for (var i = 0; i < means.Length; i++) means[i] = ClaimRandom.Normal(rng);
        var factors = new double[k];
        for (var c = 0; c < k; c++) factors[c] = ClaimRandom.LogUniform(rng, 0.5, 2);
        // Population cdnv at scale σ: σ²·C with C = mean_{k<l} d(f_k² + f_l²)/(2‖μ_k − μ_l‖²).
        double c0 = 0;
        var pairs = 0;
        for (var a = 0; a < k; a++)
            for (var b = a + 1; b < k; b++)
            {
                var dist2 = 0.0;
                for (var j = 0; j < d; j++) { var t = means[a * d + j] - means[b * d + j]; dist2 += t * t; }
                c0 += d * (factors[a] * factors[a] + factors[b] * factors[b]) / (2 * dist2);
                pairs++;
            }
        c0 /= pairs;
        var target = ClaimRandom.LogUniform(rng, 0.01, 3);
        var sigma = Math.Sqrt(target / (4 * (k - 1) * c0));
        var x = new double[k * n * d];
        var y = new int[k * n];
        for (var c = 0; c < k; c++)
            for (var i = 0; i < n; i++)
            {
                y[c * n + i] = c;
                for (var j = 0; j < d; j++) x[(c * n + i) * d + j] = means[c * d + j] + sigma * factors[c] * ClaimRandom.Normal(rng);
            }
        return new Instance(x, y, k, d, $"Gaussian mixture K={k} d={d} n={n}/class, {(etf ? "ETF" : "Gaussian")} means, σ={CaseOutcome.F(sigma)}");
    }

    public static Instance NearExtremal(Random rng)
    {
        var k = 2 + rng.Next(9);
        var pairs = k / 2;
        var d = k + 1 + rng.Next(4);
        var n = 20 + rng.Next(81);
        var m = 1 + rng.Next(Math.Max(1, n / 4)); // points pushed towards the partner
        var eps = ClaimRandom.LogUniform(rng, 1e-3, 0.3);
        var gap = ClaimRandom.LogUniform(rng, 0.1, 10); // D = ‖μ_i − μ_partner‖
        var far = 20 * gap * Math.Sqrt(k); // distance scale between pairs
        var basis = RandomOrthogonal.Haar(d, rng);
        var means = new double[k * d];
        var partner = new int[k];
        for (var c = 0; c < k; c++)
        {
            var r = c / 2;
            partner[c] = r < pairs ? (c % 2 == 0 ? c + 1 : c - 1) : -1; // an odd K leaves the last class alone (collapsed)
            for (var j = 0; j < d; j++)
            {
                var centre = far * basis[j, r < pairs ? r : 2 * pairs];
                var offset = r < pairs ? (c % 2 == 0 ? 0.5 : -0.5) * gap * basis[j, pairs + r] : 0;
                means[c * d + j] = centre + offset;
            }
        }
        var x = new double[k * n * d];
        var y = new int[k * n];
        var push = 0.5 * gap * (1 + eps);
        var back = m * push / (n - m);
        for (var c = 0; c < k; c++)
        {
            var u = new double[d];
            if (partner[c] >= 0)
            {
                var norm = 0.0;
                for (var j = 0; j < d; j++) { u[j] = means[partner[c] * d + j] - means[c * d + j]; norm += u[j] * u[j]; }
                norm = Math.Sqrt(norm);
                for (var j = 0; j < d; j++) u[j] /= norm;
            }
            for (var i = 0; i < n; i++)
            {
                y[c * n + i] = c;
                var shift = partner[c] < 0 ? 0 : i < m ? push : -back;
                for (var j = 0; j < d; j++) x[(c * n + i) * d + j] = means[c * d + j] + shift * u[j];
            }
        }
        return new Instance(x, y, k, d, $"near-extremal mixture K={k} d={d} n={n}/class: {m} points per class pushed {CaseOutcome.F(1 + eps)}× half the gap {CaseOutcome.F(gap)} towards the partner class");
    }
}
