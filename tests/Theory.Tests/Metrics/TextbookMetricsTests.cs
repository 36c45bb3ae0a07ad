using Collapse.Theory.Etf;
using Collapse.Theory.Metrics;
using Collapse.Theory.Statistics;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Collapse.Theory.Tests.Metrics;

/// <summary>
/// Every metric against a direct textbook implementation (full d×d matrices, explicit loops) on random data;
/// relative error ≤ 1e-9.
/// </summary>
public class TextbookMetricsTests
{
    private const double Rel = 1e-9;

    private sealed record Instance(double[] X, int[] Y, int N, int K, int D, Matrix<double> W, Vector<double> B);

    private static Instance Make(int seed, int k = 4, int d = 7)
    {
        var rng = new Random(seed);
        var counts = Enumerable.Range(0, k).Select(_ => 2 + rng.Next(6)).ToArray();
        int n = counts.Sum();
        var x = new double[n * d];
        var y = new int[n];
        var centres = RandomOrthogonal.Gaussian(k, d, rng) * 3;
        int i = 0;
        for (int c = 0; c < k; c++)
            for (int r = 0; r < counts[c]; r++, i++)
            {
                y[i] = c;
                for (int j = 0; j < d; j++) x[i * d + j] = centres[c, j] + Collapse.Theory.Numerics.Gaussian.StandardNormal(rng);
            }
        // shuffle so classes interleave
        for (int a = n - 1; a > 0; a--)
        {
            int b = rng.Next(a + 1);
            (y[a], y[b]) = (y[b], y[a]);
            for (int j = 0; j < d; j++) (x[a * d + j], x[b * d + j]) = (x[b * d + j], x[a * d + j]);
        }
        var w = RandomOrthogonal.Gaussian(k, d, rng);
        var bias = Vector<double>.Build.Dense(k, _ => Collapse.Theory.Numerics.Gaussian.StandardNormal(rng));
        return new Instance(x, y, n, k, d, w, bias);
    }

    private static Vector<double> Row(Instance t, int i) => Vector<double>.Build.Dense(t.D, j => t.X[i * t.D + j]);

    private static Matrix<double> Means(Instance t)
    {
        var m = Matrix<double>.Build.Dense(t.K, t.D);
        var cnt = new int[t.K];
        for (int i = 0; i < t.N; i++) { m.SetRow(t.Y[i], m.Row(t.Y[i]) + Row(t, i)); cnt[t.Y[i]]++; }
        for (int c = 0; c < t.K; c++) m.SetRow(c, m.Row(c) / cnt[c]);
        return m;
    }

    private static Matrix<double> Centred(Matrix<double> means)
    {
        var g = means.ColumnSums() / means.RowCount;
        var m = means.Clone();
        for (int c = 0; c < m.RowCount; c++) m.SetRow(c, m.Row(c) - g);
        return m;
    }

    private static void Close(double expected, double actual, double rel = Rel) =>
        Assert.True(Math.Abs(expected - actual) <= rel * Math.Max(1e-300, Math.Abs(expected)),
            $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):E2})");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void EveryMetricMatchesTextbookFormula(int seed)
    {
        var t = Make(seed);
        var report = NcMetrics.Compute(t.X, t.Y, t.K, t.D, new Classifier(t.W, t.B));
        var means = Means(t);
        var mc = Centred(means);

        // Σ_W, Σ_B as full d×d matrices
        var sw = Matrix<double>.Build.Dense(t.D, t.D);
        for (int i = 0; i < t.N; i++) { var dv = Row(t, i) - means.Row(t.Y[i]); sw += dv.OuterProduct(dv); }
        sw /= t.N;
        var sb = mc.TransposeThisAndMultiply(mc) / t.K;
        // textbook pinv of Σ_B truncated to its top K−1 eigenpairs
        var evd = sb.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, t.D).OrderByDescending(j => evd.EigenValues[j].Real).Take(t.K - 1).ToArray();
        var pinv = Matrix<double>.Build.Dense(t.D, t.D);
        foreach (var j in order) { var v = evd.EigenVectors.Column(j); pinv += v.OuterProduct(v) / evd.EigenValues[j].Real; }
        Close((sw * pinv).Trace() / t.K, report.Nc1!.Value);
        Close(sw.Trace() / sb.Trace(), report.Nc1TraceRatio!.Value);

        // CDNV
        double cd = 0; int pairs = 0;
        for (int a = 0; a < t.K; a++)
            for (int b = a + 1; b < t.K; b++)
            {
                double va = 0, vb = 0; int na = 0, nb = 0;
                for (int i = 0; i < t.N; i++)
                {
                    if (t.Y[i] == a) { va += (Row(t, i) - means.Row(a)).L2Norm() * (Row(t, i) - means.Row(a)).L2Norm(); na++; }
                    if (t.Y[i] == b) { vb += Math.Pow((Row(t, i) - means.Row(b)).L2Norm(), 2); nb++; }
                }
                cd += (va / na + vb / nb) / (2 * Math.Pow((means.Row(a) - means.Row(b)).L2Norm(), 2));
                pairs++;
            }
        Close(cd / pairs, report.Cdnv!.Value);

        // equinorm
        static double Cv(IEnumerable<double> xs) { var a = xs.ToArray(); double m = a.Average(); return Math.Sqrt(a.Select(x => (x - m) * (x - m)).Average()) / m; }
        Close(Cv(Enumerable.Range(0, t.K).Select(c => mc.Row(c).L2Norm())), report.EquinormMeans!.Value);
        Close(Cv(Enumerable.Range(0, t.K).Select(c => t.W.Row(c).L2Norm())), report.EquinormClassifier!.Value);

        // equiangularity, max angle
        var errs = new List<double>();
        for (int a = 0; a < t.K; a++)
            for (int b = a + 1; b < t.K; b++)
                errs.Add(Math.Abs(mc.Row(a).DotProduct(mc.Row(b)) / (mc.Row(a).L2Norm() * mc.Row(b).L2Norm()) + 1.0 / (t.K - 1)));
        Close(errs.Average(), report.Equiangularity!.Value);
        Close(errs.Max(), report.MaxAngle!.Value);

        // ETF Gram error
        var g = mc * mc.Transpose();
        var target = (Matrix<double>.Build.DenseIdentity(t.K) - Matrix<double>.Build.Dense(t.K, t.K, 1.0 / t.K)) / Math.Sqrt(t.K - 1);
        Close((g / g.FrobeniusNorm() - target).FrobeniusNorm(), report.EtfGramError!.Value);

        // NC3
        Close(Math.Pow((t.W.Transpose() / t.W.FrobeniusNorm() - mc.Transpose() / mc.FrobeniusNorm()).FrobeniusNorm(), 2), report.Nc3!.Value);

        // per-sample quantities
        int mismatch = 0, ncc = 0; double pmin = double.PositiveInfinity, lossSum = 0, smooth = 0;
        var gamma = new double[t.K, t.K];
        for (int a = 0; a < t.K; a++) for (int b = 0; b < t.K; b++) gamma[a, b] = double.PositiveInfinity;
        double maxNorm = 0, sumSq = 0;
        for (int i = 0; i < t.N; i++)
        {
            var h = Row(t, i);
            maxNorm = Math.Max(maxNorm, h.L2Norm()); sumSq += h.DotProduct(h);
            var z = t.W * h + t.B;
            int arg = z.MaximumIndex();
            int near = Enumerable.Range(0, t.K).OrderBy(c => (h - means.Row(c)).L2Norm()).First();
            if (arg != near) mismatch++;
            if (near == t.Y[i]) ncc++;
            int y = t.Y[i];
            double best = Enumerable.Range(0, t.K).Where(j => j != y).Max(j => z[j]);
            pmin = Math.Min(pmin, z[y] - best);
            double lse = Math.Log(Enumerable.Range(0, t.K).Sum(j => Math.Exp(z[j])));
            lossSum += lse - z[y];
            for (int j = 0; j < t.K; j++) if (j != y) { gamma[y, j] = Math.Min(gamma[y, j], z[y] - z[j]); smooth += Math.Exp(-(z[y] - z[j])); }
        }
        Close((double)mismatch / t.N + 1e-300, report.Nc4!.Value + 1e-300);
        Close((double)ncc / t.N, report.NccAccuracy);
        Close(pmin, report.Margins!.MinMargin);
        Close(lossSum / t.N, report.Ce!.Value);
        Close(Math.Log(lossSum / t.N), report.LogCe!.Value);
        Close(-Math.Log(smooth), report.Margins.SmoothedMargin);
        Close(pmin / (t.W.FrobeniusNorm() * maxNorm), report.Margins.NormalizedMargin);
        Close(pmin / (0.5 * (Math.Pow(t.W.FrobeniusNorm(), 2) + sumSq)), report.Margins.UfmNormalizedMargin);
        for (int a = 0; a < t.K; a++)
            for (int b = 0; b < t.K; b++)
                if (a != b) Close(gamma[a, b], report.Margins.ClassPair[a, b]);
                else Assert.True(double.IsNaN(report.Margins.ClassPair[a, b]));
    }

    [Fact]
    public void Nc1IsBlindToWithinClassNoiseOrthogonalToTheMeansButTraceRatioIsNot()
    {
        // Means in the first K−1 coordinates; per-class re-centred noise only in coordinates K..d−1.
        int k = 3, d = 8, n = 20;
        var rng = new Random(7);
        var etf = SimplexEtf.Standard(k, k - 1);
        var x = new double[k * n * d];
        var y = new int[k * n];
        for (int c = 0; c < k; c++)
        {
            var noise = RandomOrthogonal.Gaussian(n, d - (k - 1), rng) * 5;
            var colMeans = noise.ColumnSums() / n;
            for (int r = 0; r < n; r++)
            {
                int i = c * n + r;
                y[i] = c;
                for (int j = 0; j < k - 1; j++) x[i * d + j] = etf[c, j];
                for (int j = k - 1; j < d; j++) x[i * d + j] = noise[r, j - (k - 1)] - colMeans[j - (k - 1)];
            }
        }
        var report = NcMetrics.Compute(x, y, k, d);
        Assert.True(report.Nc1 < 1e-20, $"nc1 = {report.Nc1}");
        Assert.True(report.Nc1TraceRatio > 10, $"trace ratio = {report.Nc1TraceRatio}");
    }

    [Fact]
    public void Nc1IsZeroAndNc2Nc3VanishForCollapsedEtfFeatures()
    {
        int k = 5, d = 9, n = 4;
        var m = SimplexEtf.Random(k, d, 3);
        var x = new double[k * n * d];
        var y = new int[k * n];
        for (int i = 0; i < k * n; i++) { y[i] = i % k; for (int j = 0; j < d; j++) x[i * d + j] = 2.5 * m[y[i], j] + 1.0; }
        // Features shifted by the all-ones vector; the bias b = −W μ_G undoes the shift (Papyan's bias relation).
        var w = 0.7 * m;
        var bias = -(w * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(d, 1.0));
        var report = NcMetrics.Compute(x, y, k, d, new Classifier(w, bias));
        Assert.Equal(0.0, report.Nc1!.Value, 12);
        Assert.Equal(0.0, report.Cdnv!.Value, 12);
        Assert.True(report.EtfGramError < 1e-12);
        Assert.True(report.Equiangularity < 1e-12);
        Assert.True(report.Nc3 < 1e-24);
        Assert.Equal(0.0, report.Nc4!.Value);
        Assert.Equal(1.0, report.NccAccuracy);
    }

    [Fact]
    public void NonFiniteFeaturesAreNamedNotFedToTheSvd()
    {
        var inst = Make(3);
        inst.X[2 * inst.D + 5] = double.NaN;
        var ex = Assert.Throws<InputException>(() => NcMetrics.Compute(inst.X, inst.Y, inst.K, inst.D));
        Assert.Equal("features: NaN at row 2, column 5; all values must be finite", ex.Message);
    }
}
