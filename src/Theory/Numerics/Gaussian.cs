namespace Collapse.Theory.Numerics;

/// <summary>
/// The one standard-normal sampler (Box–Muller, Box and Muller 1958, Ann. Math. Statist.) on a seeded
/// <see cref="Random"/>, so that every generator in the toolkit draws the same stream for the same seed.
/// </summary>
public static class Gaussian
{
    /// <summary>One N(0, 1) draw: the cosine output of one Box–Muller pair (two uniforms per draw).</summary>
    public static double StandardNormal(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var u1 = 1.0 - rng.NextDouble(); // (0, 1]: log never sees 0
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Both outputs of one Box–Muller pair, r·cos θ first and r·sin θ second (two uniforms for two draws).</summary>
    public static (double First, double Second) StandardNormalPair(Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
        return (r * cos, r * sin);
    }

    /// <summary>Fills <paramref name="values"/> with N(0, 1) draws using both outputs of each Box–Muller pair (half the
    /// uniforms of <see cref="StandardNormal"/>, hence a different stream for the same seed).</summary>
    public static void FillStandardNormal(Random rng, Span<double> values)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (var j = 0; j < values.Length; j += 2)
        {
            var (first, second) = StandardNormalPair(rng);
            values[j] = first;
            if (j + 1 < values.Length) values[j + 1] = second;
        }
    }
}
