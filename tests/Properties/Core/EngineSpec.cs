using Collapse.Theory.Metrics;
using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Properties.Tests.Core;

/// <summary>How an <see cref="EngineSpec"/> places its samples.</summary>
public enum EngineData
{
    /// <summary>Gaussian classes around Gaussian centres (spread 0.3, 1 or 3 × noise).</summary>
    Gaussian,
    /// <summary>Small integers: class means within rounding of lattice points, samples equidistant from several means, integer W: exact and 1e-16 near ties.</summary>
    Lattice,
    /// <summary>Strong collapse: noise 1e-7 around well-separated centres.</summary>
    Collapsed,
    /// <summary>Two classes share their centre (near-duplicate means: the Gram distance cancels).</summary>
    Duplicate,
    /// <summary>
    /// Classes made of mirror pairs p, 2μ_c − p (so the class mean is μ_c to rounding); every other p lies within 1e-9 of the
    /// midpoint of μ_c and μ_{c+1}: nearest-centre gaps far below float32 resolution. W row 1 = W row 0 but one ulp
    /// in one entry: logit near-ties below the blocked/scalar rounding difference.
    /// </summary>
    NearTie,
}

/// <summary>
/// A random instance for the engine properties: K up to 40 (often K − 1 &gt; d), with or without W and b. FsCheck
/// prints the spec (its seed replays it) on failure.
/// </summary>
public sealed record EngineSpec(int K, int D, int PerClass, bool Classifier, bool Bias, EngineData Data, int Seed)
{
    public Instance Build()
    {
        var rng = new Random(Seed);
        var counts = Enumerable.Range(0, K).Select(_ => 1 + rng.Next(PerClass)).ToArray();
        if (Data is EngineData.Lattice or EngineData.NearTie)
            for (var c = 0; c < K; c++) counts[c] = 2 * Math.Max(1, counts[c] / 2); // ± pairs
        int n = counts.Sum();
        double spread = Data switch { EngineData.Collapsed => 5, _ => new[] { 0.3, 1.0, 3.0 }[rng.Next(3)] };
        double noise = Data == EngineData.Collapsed ? 1e-7 : 1.0;
        var centres = new double[K * D];
        for (var i = 0; i < centres.Length; i++)
            centres[i] = Data == EngineData.Lattice ? rng.Next(-2, 3) : spread * Normal(rng);
        if (Data == EngineData.Duplicate && K >= 2)
            for (var j = 0; j < D; j++) centres[D + j] = centres[j] + 1e-9 * Normal(rng);
        var x = new double[n * D];
        var y = new int[n];
        var i0 = 0;
        for (var c = 0; c < K; c++)
            for (var r = 0; r < counts[c]; r++, i0++)
            {
                y[i0] = c;
                for (var j = 0; j < D; j++)
                {
                    double v;
                    if (Data == EngineData.NearTie)
                    {
                        if (r % 2 == 0)
                        {
                            var other = (c + 1) % K;
                            v = r % 4 == 0 && K >= 2
                                ? 0.5 * (centres[c * D + j] + centres[other * D + j]) + 1e-9 * Normal(rng)
                                : centres[c * D + j] + Normal(rng);
                        }
                        else v = 2 * centres[c * D + j] - x[(i0 - 1) * D + j];
                    }
                    else if (Data == EngineData.Lattice)
                    {
                        // Pairs μ ± v keep the class mean on the lattice; every fourth pair sits on the midpoint of two centres.
                        if (r % 4 >= 2 && K >= 2)
                        {
                            var other = (c + 1) % K;
                            v = 0.5 * (centres[c * D + j] + centres[other * D + j]);
                            if (r % 2 == 1) v = 2 * centres[c * D + j] - v; // mirror, so the mean stays μ_c
                        }
                        else
                        {
                            var step = (r / 2 * 7 + j * 3 + c) % 3 - 1;
                            v = centres[c * D + j] + (r % 2 == 0 ? step : -step);
                        }
                    }
                    else v = centres[c * D + j] + noise * Normal(rng);
                    x[i0 * D + j] = v;
                }
            }
        var w = Matrix<double>.Build.Dense(K, D, (_, _) => Data == EngineData.Lattice ? rng.Next(-1, 2) : Normal(rng));
        if (Data == EngineData.NearTie && K >= 2)
        {
            for (var j = 0; j < D; j++) w[1, j] = w[0, j];
            w[1, 0] = Math.BitIncrement(w[0, 0]); // logits of classes 0 and 1 differ by one ulp-scale term
        }
        var b = Vector<double>.Build.Dense(K, _ => Data == EngineData.Lattice ? rng.Next(-1, 2) : Normal(rng));
        return new Instance(x, y, K, D, w, b);
    }

    public Classifier? ClassifierOf(Instance t) => Classifier ? new Classifier(t.W, Bias ? t.B : null) : null;

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    public override string ToString() => $"EngineSpec(K={K}, d={D}, perClass≤{PerClass}, W={Classifier}, b={Bias}, {Data}, seed={Seed})";
}

/// <summary>FsCheck arbitraries of the engine properties.</summary>
public static class EngineArbitraries
{
    /// <summary>K ∈ [2, 40], d ∈ [1, 24], up to 12 samples per class, every data kind.</summary>
    public static Arbitrary<EngineSpec> EngineSpecs() =>
        Arb.From(
            from k in Gen.Choose(2, 40)
            from d in Gen.Choose(1, 24)
            from n in Gen.Choose(1, 12)
            from w in Gen.Elements(true, true, false)
            from b in Gen.Elements(true, false)
            from data in Gen.Elements(EngineData.Gaussian, EngineData.Lattice, EngineData.Collapsed, EngineData.Duplicate, EngineData.NearTie, EngineData.NearTie)
            from seed in Gen.Choose(0, int.MaxValue - 1)
            select new EngineSpec(k, d, n, w, b, data, seed));
}
