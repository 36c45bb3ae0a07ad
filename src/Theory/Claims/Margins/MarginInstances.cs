namespace Collapse.Theory.Claims.Margins;

/// <summary>Random logits for the CE–margin claims: scales from 0.1 to 1e3, exact ties, and separable "trained" logits.</summary>
internal static class MarginInstances
{
    /// <summary>N×K row-major logits with labels; if <paramref name="separable"/>, every sample's own logit leads by a positive gap.</summary>
    public static (double[] Logits, int[] Labels, int K, int N, string Shape) Draw(Random rng, int maxClasses, int maxSamples, bool separable)
    {
        var k = 2 + rng.Next(maxClasses - 1);
        var n = 1 + rng.Next(maxSamples);
        var scale = ClaimRandom.LogUniform(rng, 0.1, 1e3);
        var ties = rng.Next(4) == 0;
        var z = new double[n * k];
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = rng.Next(k);
            for (var j = 0; j < k; j++)
                z[i * k + j] = ties ? Math.Round(3 * ClaimRandom.Normal(rng)) * scale / 3 : scale * ClaimRandom.Normal(rng);
            if (separable)
            {
                var max = double.NegativeInfinity;
                for (var j = 0; j < k; j++) if (j != y[i]) max = Math.Max(max, z[i * k + j]);
                z[i * k + y[i]] = max + scale * ClaimRandom.LogUniform(rng, 1e-3, 3);
            }
        }
        return (z, y, k, n, $"K={k} N={n} scale={CaseOutcome.F(scale)}{(ties ? " with ties" : "")}{(separable ? " separable" : "")}");
    }
}
