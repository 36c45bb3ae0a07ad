using Collapse.Theory.Etf;
using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Properties.Tests.Core;

/// <summary>
/// A random instance described by small integers; FsCheck generates and prints the spec (with its replay seed), and
/// the instance is rebuilt deterministically from <see cref="Seed"/>.
/// </summary>
public sealed record CaseSpec(int K, int D, int PerClass, int Seed)
{
    /// <summary>Labelled features (row-major N×d), a classifier and a bias drawn from <see cref="Seed"/>.</summary>
    public Instance Build(double spread = 3.0, double noise = 1.0)
    {
        var rng = new Random(Seed);
        var counts = Enumerable.Range(0, K).Select(_ => 1 + rng.Next(PerClass)).ToArray();
        int n = counts.Sum();
        var centres = RandomOrthogonal.Gaussian(K, D, rng) * spread;
        var x = new double[n * D];
        var y = new int[n];
        int i = 0;
        for (int c = 0; c < K; c++)
            for (int r = 0; r < counts[c]; r++, i++)
            {
                y[i] = c;
                for (int j = 0; j < D; j++) x[i * D + j] = centres[c, j] + noise * Collapse.Theory.Numerics.Gaussian.StandardNormal(rng);
            }
        var w = RandomOrthogonal.Gaussian(K, D, rng);
        var b = Vector<double>.Build.Dense(K, _ => Collapse.Theory.Numerics.Gaussian.StandardNormal(rng));
        return new Instance(x, y, K, D, w, b);
    }

    public override string ToString() => $"CaseSpec(K={K}, d={D}, perClass≤{PerClass}, seed={Seed})";
}

/// <summary>An in-memory labelled instance.</summary>
public sealed record Instance(double[] X, int[] Y, int K, int D, Matrix<double> W, Vector<double> B)
{
    public int N => Y.Length;

    public ReadOnlySpan<double> Row(int i) => X.AsSpan(i * D, D);
}

/// <summary>FsCheck arbitraries for the core properties.</summary>
public static class CoreArbitraries
{
    /// <summary>K ∈ [2, 7], d ∈ [K−1, K+5], up to 6 samples per class, any seed.</summary>
    public static Arbitrary<CaseSpec> CaseSpecs() =>
        Arb.From(
            from k in Gen.Choose(2, 7)
            from d in Gen.Choose(k - 1, k + 5)
            from n in Gen.Choose(1, 6)
            from seed in Gen.Choose(0, int.MaxValue - 1)
            select new CaseSpec(k, Math.Max(1, d), n, seed));
}
