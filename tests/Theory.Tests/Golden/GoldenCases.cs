using Collapse.Theory.IO;

namespace Collapse.Theory.Tests.Golden;

/// <summary>
/// Deterministic inputs of the golden metric files in tests/Theory.Tests/Golden/*.json. The JSON files were written by
/// the `collapse metrics --json` of commit d2d7ce9 (the scalar two-pass evaluator, before the fast core) on exactly
/// these inputs; the golden test regenerates the inputs and requires the current engine to reproduce every value to
/// 1e-9 relative and every count exactly. The generator uses its own SplitMix64 stream so that it never changes.
/// </summary>
public static class GoldenCases
{
    /// <summary>One generated case.</summary>
    public sealed record Case(string Name, int K, int D, int[] Counts, bool Float32, bool Classifier, bool Bias,
        double Spread, double Noise, ulong Seed, bool Integer = false, bool Shuffle = true);

    /// <summary>The cases: small/large K (K−1 below and above d), with/without classifier and bias, imbalanced, collapsed, tied.</summary>
    public static IReadOnlyList<Case> All { get; } =
    [
        new("k4-d16-f64-bias", 4, 16, [100, 100, 100, 100], false, true, true, 3.0, 1.0, 11),
        new("k10-d8-f32-imbalanced", 10, 8, [20, 200, 35, 80, 140, 20, 60, 95, 120, 33], true, true, false, 1.5, 1.0, 12),
        new("k50-d20-f32-bias-overlap", 50, 20, Repeat(50, 40), true, true, true, 0.6, 1.0, 13),
        new("k200-d64-f32-imbalanced-noclassifier", 200, 64, Ramp(200, 5, 45), true, false, false, 2.0, 1.0, 14),
        new("k3-d100-f64-noclassifier", 3, 100, [30, 31, 29], false, false, false, 2.0, 1.0, 15),
        new("k6-d12-f64-collapsed", 6, 12, Repeat(6, 50), false, true, true, 5.0, 1e-7, 16),
        new("k4-d3-f32-integer-ties", 4, 3, [40, 40, 25, 30], true, true, true, 0, 0, 17, Integer: true, Shuffle: false),
        new("k160-d24-f32-bias", 160, 24, Repeat(160, 10), true, true, true, 1.0, 1.0, 18),
    ];

    private static int[] Repeat(int k, int n) => Enumerable.Repeat(n, k).ToArray();

    private static int[] Ramp(int k, int lo, int hi) => Enumerable.Range(0, k).Select(i => lo + (int)((long)(hi - lo) * i / (k - 1))).ToArray();

    /// <summary>Writes features.npy, labels.npy and (when the case has them) W.npy and b.npy into <paramref name="dir"/>.</summary>
    public static (string Features, string Labels, string? W, string? B) Write(Case c, string dir)
    {
        Directory.CreateDirectory(dir);
        var rng = new SplitMix(c.Seed);
        int k = c.K, d = c.D, n = c.Counts.Sum();
        var means = new double[k * d];
        for (var i = 0; i < means.Length; i++) means[i] = c.Spread * rng.Gaussian();
        var labels = new int[n];
        var at = 0;
        for (var y = 0; y < k; y++)
            for (var r = 0; r < c.Counts[y]; r++) labels[at++] = y;
        if (c.Shuffle)
            for (var i = n - 1; i > 0; i--)
            {
                var j = (int)(rng.Next() % (ulong)(i + 1));
                (labels[i], labels[j]) = (labels[j], labels[i]);
            }
        var h = new double[n * d];
        if (c.Integer)
        {
            // Classes 0 and 1 hold the same rows in the same order (identical means: exact NCC ties); W and the features are
            // small integers, so logits tie exactly too. Labels are interleaved 0,1,0,1,… then the rest.
            var order = new List<int>();
            for (var r = 0; r < c.Counts[0]; r++) { order.Add(0); order.Add(1); }
            for (var y = 2; y < k; y++) for (var r = 0; r < c.Counts[y]; r++) order.Add(y);
            labels = order.ToArray();
            n = labels.Length;
            h = new double[n * d];
            for (var i = 0; i < n; i++)
            {
                var src = labels[i] == 1 ? i - 1 : i;
                for (var j = 0; j < d; j++)
                    h[i * d + j] = labels[i] == 1 ? h[src * d + j] : (double)(rng.Next() % 3) + (labels[i] >= 2 ? labels[i] - 1 : 0);
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
                for (var j = 0; j < d; j++) h[i * d + j] = means[labels[i] * d + j] + c.Noise * rng.Gaussian();
        }
        var features = Path.Combine(dir, "features.npy");
        var labelsPath = Path.Combine(dir, "labels.npy");
        if (c.Float32)
        {
            using var sw = new NpyStreamWriter(features, n, d, NpyDType.Float32);
            sw.WriteRows(h);
            sw.Commit();
        }
        else NpyWriter.WriteMatrix(features, h, n, d);
        NpyWriter.WriteLabels(labelsPath, labels);
        string? wPath = null, bPath = null;
        if (c.Classifier)
        {
            var w = new double[k * d];
            for (var i = 0; i < w.Length; i++)
                w[i] = c.Integer ? (double)(rng.Next() % 3) - 1 : means[i] + 0.5 * rng.Gaussian();
            if (c.Integer) for (var j = 0; j < d; j++) w[d + j] = w[j]; // rows 0 and 1 equal: logit ties
            wPath = Path.Combine(dir, "W.npy");
            NpyWriter.WriteMatrix(wPath, w, k, d);
            if (c.Bias)
            {
                var b = new double[k];
                for (var i = 0; i < k; i++) b[i] = c.Integer ? 0 : rng.Gaussian();
                bPath = Path.Combine(dir, "b.npy");
                NpyWriter.WriteVector(bPath, b);
            }
        }
        return (features, labelsPath, wPath, bPath);
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014) with Box–Muller normals: a frozen generator for the golden inputs.</summary>
    private sealed class SplitMix(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double Uniform() => ((Next() >> 11) + 0.5) * (1.0 / 9007199254740992.0);

        public double Gaussian() => Math.Sqrt(-2.0 * Math.Log(Uniform())) * Math.Cos(2 * Math.PI * Uniform());
    }
}
