using System.Globalization;
using Collapse.Theory;
using Collapse.Theory.Etf;

namespace Collapse.DeepValidation.Data;

/// <summary>
/// Synthetic classification task: K isotropic Gaussian classes N(μ_k, σ² I_d) with controllable mean geometry
/// (<see cref="ClassGeometry"/>), balanced, with independent train and test draws. Fast enough for many-seed
/// experiments; the class geometry sets how hard each class pair is.
/// </summary>
/// <param name="Classes">K ≥ 2.</param>
/// <param name="Dim">Input dimension d (≥ K−1 for the ETF-based geometries).</param>
/// <param name="TrainPerClass">Training samples per class.</param>
/// <param name="TestPerClass">Test samples per class.</param>
/// <param name="Separation">Pairwise distance of the means (ETF), mean pairwise distance (random), or the ETF distance before radial scaling (heterogeneous).</param>
/// <param name="Noise">Within-class standard deviation σ per coordinate.</param>
/// <param name="Geometry">Placement of the means.</param>
/// <param name="Seed">Seed of the means and of the samples.</param>
public sealed record GaussianDataset(
    int Classes = 10, int Dim = 32, int TrainPerClass = 100, int TestPerClass = 200,
    double Separation = 4.0, double Noise = 1.0, ClassGeometry Geometry = ClassGeometry.Etf, int Seed = 0)
{
    /// <summary>The class means (K×d, row-major).</summary>
    public double[] Means()
    {
        Validate();
        int k = Classes, d = Dim;
        var mu = new double[k * d];
        switch (Geometry)
        {
            case ClassGeometry.Random:
                {
                    var rng = new System.Random(Seed);
                    for (var i = 0; i < mu.Length; i++) mu[i] = Collapse.Theory.Numerics.Gaussian.StandardNormal(rng);
                    double total = 0;
                    for (var a = 0; a < k; a++)
                        for (var b = a + 1; b < k; b++) total += Distance(mu, a, b, d);
                    var scale = Separation / (total / (k * (k - 1) / 2.0));
                    for (var i = 0; i < mu.Length; i++) mu[i] *= scale;
                    break;
                }
            default:
                {
                    var etf = SimplexEtf.Random(k, d, Seed);
                    var radius = Separation / SimplexEtf.ExpectedDistance(k);
                    for (var a = 0; a < k; a++)
                    {
                        var r = Geometry == ClassGeometry.Heterogeneous ? radius * (0.4 + 1.2 * a / (k - 1.0)) : radius;
                        for (var j = 0; j < d; j++) mu[a * d + j] = r * etf[a, j];
                    }
                    break;
                }
        }
        return mu;
    }

    /// <summary>Draws the train and test sets (sample shape <c>[d]</c>, classes interleaved in a seeded random order).</summary>
    public DataSplit Generate(string name)
    {
        var mu = Means();
        var rng = new System.Random(unchecked(Seed * 7919 + 17));
        return new DataSplit(name, Draw(mu, TrainPerClass, rng, name + " (train)"), Draw(mu, TestPerClass, rng, name + " (test)"));
    }

    /// <summary>
    /// Parses <c>k=10,d=32,n=100,test=200,sep=4,noise=1,geometry=etf|random|hetero,seed=0</c> (any subset, any order;
    /// omitted keys keep their defaults). <paramref name="flag"/> names the option in error messages.
    /// </summary>
    public static GaussianDataset Parse(string text, string flag)
    {
        var g = new GaussianDataset();
        if (string.IsNullOrWhiteSpace(text)) return g;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new InputException($"{flag}: '{part}' is not key=value (keys: k, d, n, test, sep, noise, geometry, seed)");
            var key = part[..eq].Trim().ToLowerInvariant();
            var value = part[(eq + 1)..].Trim();
            g = key switch
            {
                "k" or "classes" => g with { Classes = Int(value) },
                "d" or "dim" => g with { Dim = Int(value) },
                "n" or "train" => g with { TrainPerClass = Int(value) },
                "test" => g with { TestPerClass = Int(value) },
                "sep" or "separation" => g with { Separation = Real(value) },
                "noise" or "sigma" => g with { Noise = Real(value) },
                "seed" => g with { Seed = Int(value) },
                "geometry" => g with
                {
                    Geometry = value.ToLowerInvariant() switch
                    {
                        "etf" => ClassGeometry.Etf,
                        "random" => ClassGeometry.Random,
                        "hetero" or "heterogeneous" => ClassGeometry.Heterogeneous,
                        _ => throw new InputException($"{flag}: geometry '{value}' is not one of etf, random, hetero"),
                    },
                },
                _ => throw new InputException($"{flag}: unknown key '{key}' (keys: k, d, n, test, sep, noise, geometry, seed)"),
            };
        }
        g.Validate(flag);
        return g;

        int Int(string v) => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x)
            ? x : throw new InputException($"{flag}: '{v}' is not an integer");
        double Real(string v) => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
            ? x : throw new InputException($"{flag}: '{v}' is not a finite number");
    }

    /// <summary>Throws <see cref="InputException"/> for impossible parameters.</summary>
    public void Validate(string flag = "--dataset gaussian")
    {
        if (Classes < 2) throw new InputException($"{flag}: k={Classes}, at least 2 classes are needed");
        if (Dim < 1) throw new InputException($"{flag}: d={Dim} must be positive");
        if (Geometry != ClassGeometry.Random && Dim < Classes - 1)
            throw new InputException($"{flag}: d={Dim} < k−1={Classes - 1}; ETF-based geometries need d ≥ k−1 (use geometry=random)");
        if (TrainPerClass < 1 || TestPerClass < 1) throw new InputException($"{flag}: n and test must be positive");
        if (!(Separation > 0)) throw new InputException($"{flag}: sep={Separation} must be positive");
        if (!(Noise >= 0)) throw new InputException($"{flag}: noise={Noise} must be non-negative");
        var entries = (double)Classes * ((double)TrainPerClass + TestPerClass) * Dim;
        if (entries > MaxEntries)
            throw new InputException($"{flag}: k·(n + test)·d = {entries:G4} sample entries, too large (at most {MaxEntries:0.#e0})");
    }

    /// <summary>The most entries k·(n + test)·d of a generated data set (1e8).</summary>
    public const long MaxEntries = 100_000_000;

    private LabeledData Draw(double[] mu, int perClass, System.Random rng, string source)
    {
        int k = Classes, d = Dim, n = k * perClass;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i % k;
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var x = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            var y = order[i];
            for (var j = 0; j < d; j++)
                x[i * d + j] = (float)(mu[y * d + j] + Noise * Collapse.Theory.Numerics.Gaussian.StandardNormal(rng));
        }
        return new LabeledData(x, order, [d], k, source);
    }

    private static double Distance(double[] mu, int a, int b, int d)
    {
        double s = 0;
        for (var j = 0; j < d; j++) { var t = mu[a * d + j] - mu[b * d + j]; s += t * t; }
        return Math.Sqrt(s);
    }
}
