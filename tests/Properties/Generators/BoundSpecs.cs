using Collapse.Theory.Bounds;
using Collapse.Theory.Etf;
using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Properties.Tests.Generators;

/// <summary>
/// Small-integer specs of random bound instances. FsCheck generates and prints the spec (and its replay seed); the
/// instance is rebuilt deterministically from <c>Seed</c>.
/// </summary>
public sealed record FeatureSpec(int M, int D, int Shape, int Seed)
{
    /// <summary>m×d row-major features: 0 Gaussian rows with random scales, 1 equal norms (sphere), 2 one large outlier.</summary>
    public (double[] X, double B) Build()
    {
        var rng = new Random(Seed);
        var b = Draw.LogUniform(rng, 0.1, 10);
        var radius = Draw.LogUniform(rng, 0.1, 10);
        var x = new double[M * D];
        for (var i = 0; i < M; i++)
        {
            var row = x.AsSpan(i * D, D);
            var s = Shape switch { 0 => Draw.LogUniform(rng, 0.1, 10), 1 => radius, _ => i == 0 ? 10 * radius : radius * rng.NextDouble() };
            Draw.Unit(rng, row);
            if (Shape == 0) for (var j = 0; j < D; j++) row[j] = s * Collapse.Theory.Numerics.Gaussian.StandardNormal(rng);
            else for (var j = 0; j < D; j++) row[j] *= s;
        }
        return (x, b);
    }

    public override string ToString() => $"FeatureSpec(m={M}, d={D}, shape={Shape}, seed={Seed})";
}

/// <summary>Inputs of the margin bounds: K, m, δ, γ ≤ r, complexity scale 𝔑·√m and empirical margin risk.</summary>
public sealed record MarginBoundSpec(int K, int M, double Delta, double Gamma, double Range, double RadiusTimesNorm, double Risk)
{
    public override string ToString() =>
        $"MarginBoundSpec(K={K}, m={M}, δ={Delta:G4}, γ={Gamma:G4}, r={Range:G4}, BR={RadiusTimesNorm:G4}, R̂={Risk:G4})";
}

/// <summary>Random input of the permuted bounds (paper-notes P7): ETF classifier, margins, class supports and counts.</summary>
public sealed record PermutedSpec(int K, int D, int InputDim, bool EqualMargins, int Seed)
{
    public sealed record Instance(int K, Matrix<double> W, Matrix<double> Gamma, double Lipschitz, double[] Support, int InputDim,
        int[] Counts, double[] Priors, double[] ClassRademacher, double Range)
    {
        public Matrix<double> Radii() => LipschitzMarginTransfer.RadiusMatrix(Gamma, W, Lipschitz);
        public double Covering(int cls, double eps) => CoveringNumbers.Ball(Support[cls], InputDim, eps);
        public double PaperBound(int[] pi) => CoveringBound.PaperForm(Radii(), Covering, Counts.Sum(), pi).Value;
        public double ExpectedBound(int[] pi) => CoveringBound.ExpectedForm(Radii(), Covering, Counts, Priors, pi).Value;
        public double PairBound(int[] pi) => ClassPairMarginBound.Evaluate(Gamma, ClassRademacher, Counts, Priors, Range, 0.05, null, pi).Value;
    }

    /// <summary>Heterogeneous class supports, counts and complexities; margins all equal iff <see cref="EqualMargins"/>.</summary>
    public Instance Build()
    {
        var rng = new Random(Seed);
        var w = Draw.LogUniform(rng, 0.2, 5) * SimplexEtf.Random(K, D, rng.Next());
        var g0 = Draw.LogUniform(rng, 0.1, 10);
        var gamma = Matrix<double>.Build.Dense(K, K, (a, b) => a == b ? 0 : EqualMargins ? g0 : g0 * Draw.LogUniform(rng, 0.3, 3));
        var support = Enumerable.Range(0, K).Select(_ => Draw.LogUniform(rng, 0.5, 5)).ToArray();
        var counts = Enumerable.Range(0, K).Select(_ => 10 + rng.Next(1000)).ToArray();
        var priors = counts.Select(n => (double)n / counts.Sum()).ToArray();
        var rad = Enumerable.Range(0, K).Select(c => LinearRademacher.AnalyticBound(1, support[c], counts[c])).ToArray();
        return new Instance(K, w, gamma, Draw.LogUniform(rng, 0.5, 2), support, InputDim, counts, priors, rad, 2 * gamma.Enumerate().Max());
    }

    public override string ToString() => $"PermutedSpec(K={K}, d={D}, inputDim={InputDim}, equalMargins={EqualMargins}, seed={Seed})";
}

/// <summary>Hoeffding instance: d, n, ρ, ε as a multiple of the RMS deviation ρ√(d/n), coordinate law.</summary>
public sealed record HoeffdingSpec(int D, int N, double Rho, double EpsilonScale, bool Signs, int Seed)
{
    public double Epsilon => EpsilonScale * Rho * Math.Sqrt((double)D / N);

    public override string ToString() => $"HoeffdingSpec(d={D}, n={N}, ρ={Rho:G4}, ε={Epsilon:G4}, {(Signs ? "±ρ" : "uniform")}, seed={Seed})";
}

/// <summary>Random draws for the specs.</summary>
public static class Draw
{
    public static double LogUniform(Random rng, double a, double b) => Math.Exp(Math.Log(a) + (Math.Log(b) - Math.Log(a)) * rng.NextDouble());

    public static void Unit(Random rng, Span<double> v)
    {
        double s;
        do
        {
            s = 0;
            for (var j = 0; j < v.Length; j++) { v[j] = Collapse.Theory.Numerics.Gaussian.StandardNormal(rng); s += v[j] * v[j]; }
        } while (s == 0);
        for (var j = 0; j < v.Length; j++) v[j] /= Math.Sqrt(s);
    }

    /// <summary>Largest count v such that a Binomial(trials, p) count exceeds v with probability &lt; alpha (v* of a one-sided test).</summary>
    public static int BinomialAllowance(int trials, double p, double alpha = 1e-6)
    {
        if (p >= 1) return trials;
        for (var v = 0; v <= trials; v++)
            if (1 - MathNet.Numerics.Distributions.Binomial.CDF(p, trials, v) < alpha) return v;
        return trials;
    }
}

/// <summary>FsCheck arbitraries for the bound properties.</summary>
public static class BoundArbitraries
{
    private static Gen<double> LogUniform(double a, double b) =>
        Gen.Choose(0, 1_000_000).Select(i => Math.Exp(Math.Log(a) + (Math.Log(b) - Math.Log(a)) * i / 1_000_000.0));

    public static Arbitrary<FeatureSpec> FeatureSpecs() =>
        Arb.From(
            from m in Gen.Choose(1, 64)
            from d in Gen.Choose(1, 16)
            from shape in Gen.Choose(0, 2)
            from seed in Gen.Choose(0, int.MaxValue - 1)
            select new FeatureSpec(m, d, shape, seed));

    public static Arbitrary<MarginBoundSpec> MarginBoundSpecs() =>
        Arb.From(
            from k in Gen.Choose(2, 100)
            from m in Gen.Choose(2, 1_000_000)
            from delta in LogUniform(1e-6, 0.5)
            from range in LogUniform(1e-2, 1e3)
            from frac in LogUniform(1e-6, 1)
            from br in LogUniform(1e-3, 1e3)
            from risk in Gen.Choose(0, 1000)
            select new MarginBoundSpec(k, m, delta, range * frac, range, br, risk / 2000.0));

    public static Arbitrary<PermutedSpec> PermutedSpecs() =>
        Arb.From(
            from k in Gen.Choose(2, 6)
            from extra in Gen.Choose(0, 3)
            from inputDim in Gen.Choose(1, 4)
            from equal in Gen.Elements(true, false)
            from seed in Gen.Choose(0, int.MaxValue - 1)
            select new PermutedSpec(k, k - 1 + extra, inputDim, equal, seed));

    public static Arbitrary<HoeffdingSpec> HoeffdingSpecs() =>
        Arb.From(
            from d in Gen.Choose(1, 48)
            from n in Gen.Choose(1, 60)
            from rho in LogUniform(0.1, 10)
            from scale in LogUniform(0.3, 5)
            from signs in Gen.Elements(true, false)
            from seed in Gen.Choose(0, int.MaxValue - 1)
            select new HoeffdingSpec(d, n, rho, scale, signs, seed));
}
