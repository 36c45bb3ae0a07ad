using Collapse.Theory.Numerics;
using Collapse.Theory.Statistics;

namespace Collapse.Theory.Metrics;

/// <summary>
/// The pairwise geometry of the class means in one pass over tiles of the Gram matrix G = M̃M̃ᵀ (M̃ the centred
/// means): CDNV (Galanti, György, Hutter 2022), equinorm, equiangularity and maxAngle (Papyan, Han, Donoho 2020), and
/// the ETF Gram error (Zhu et al. 2021) — over all K(K−1)/2 pairs without a K×K matrix and without per-pair
/// allocation. Tiles of <see cref="Tile"/>×<see cref="Tile"/> entries come from <see cref="DenseGemm"/> (K²d/2
/// flops per sweep). The ETF error needs ‖G‖_F: when the nc1 SVD has given it (‖G‖_F² = Σ s_j⁴) one sweep does
/// everything, otherwise a first sweep sums it and a second the error. Sums are compensated per tile and merged in tile
/// order, so the result does not depend on the thread count.
/// </summary>
/// <remarks>
/// ‖μ_k − μ_l‖² = ‖μ̃_k‖² + ‖μ̃_l‖² − 2G_kl cancels when two classes nearly coincide; whenever the rounding bound
/// 2γ_{d+3}(‖μ̃_k‖² + ‖μ̃_l‖²) exceeds 1e-12 of that value, the pair's distance is recomputed directly as
/// Σ_j (μ_kj − μ_lj)² from the uncentred means (<see cref="CdnvRecomputed"/> counts them).
/// </remarks>
/// <param name="Cdnv">mean over pairs k&lt;l of (σ_k² + σ_l²)/(2‖μ_k − μ_l‖²).</param>
/// <param name="EquinormMeans">std/mean of ‖μ̃_k‖.</param>
/// <param name="Equiangularity">mean over pairs of |cos(μ̃_k, μ̃_l) + 1/(K−1)|.</param>
/// <param name="MaxAngle">max over pairs of the same.</param>
/// <param name="EtfGramError">‖G/‖G‖_F − (I − 11ᵀ/K)/√(K−1)‖_F.</param>
/// <param name="TraceSigmaB">Tr Σ_B = ‖M̃‖_F²/K.</param>
/// <param name="CdnvRecomputed">Pairs whose distance was recomputed directly.</param>
public sealed record MeanGeometry(double Cdnv, double EquinormMeans, double Equiangularity, double MaxAngle, double EtfGramError, double TraceSigmaB, long CdnvRecomputed)
{
    /// <summary>
    /// Metrics (JSON keys) that are undefined for these means, each with its reason (<see cref="MetricUndefined"/>); their
    /// values above are NaN. Empty for generic means.
    /// </summary>
    public IReadOnlyDictionary<string, string> Undefined { get; init; } = MetricUndefined.None;

    /// <summary>Classes per tile side.</summary>
    public const int Tile = 256;

    /// <summary>The geometry of <paramref name="stats"/> with the canonical class-balanced centring.</summary>
    public static MeanGeometry Of(ClassStatistics stats, int threads = 0) =>
        Of(CentredMeans.Of(stats), Variances(stats), threads);

    /// <summary>The geometry of arbitrary rows (K×d): angles, norms and the ETF error of the rows themselves (CDNV with zero variances).</summary>
    public static MeanGeometry OfRows(MathNet.Numerics.LinearAlgebra.Matrix<double> rows, int threads = 0) =>
        Of(new CentredMeans(rows.ToRowMajorArray(), new double[rows.ColumnCount], rows.RowCount, rows.ColumnCount), new double[rows.RowCount], threads);

    /// <summary>σ_k² = M2_k / n_k per class (NaN for an empty class).</summary>
    public static double[] Variances(ClassStatistics stats)
    {
        var v = new double[stats.Classes];
        for (var c = 0; c < v.Length; c++) v[c] = stats.ClassVariance(c);
        return v;
    }

    /// <summary>
    /// The geometry of the centred means <paramref name="centred"/> (rows formed tile by tile from the means, whose
    /// uncentred rows give the direct distance), with per-class variances <paramref name="variance"/>. With
    /// <paramref name="gramFrobenius2"/> = ‖G‖_F² known (Σ s_j⁴ from the nc1 SVD) everything takes one sweep over the
    /// tiles; otherwise ‖G‖_F is summed in a first sweep and the ETF error in a second.
    /// </summary>
    public static MeanGeometry Of(CentredMeans centred, double[] variance, int threads = 0, double? gramFrobenius2 = null)
    {
        int k = centred.Classes, d = centred.Dim;
        var means = centred.Means;
        var n2 = new double[k];
        double trace = 0;
        var row = new double[d];
        for (var c = 0; c < k; c++)
        {
            centred.CopyRows(c, 1, row);
            n2[c] = BlockStatistics.SumOfSquares(row);
            trace += n2[c];
        }
        // Equinorm of the centred means (population std / mean).
        double meanNorm = 0;
        for (var c = 0; c < k; c++) meanNorm += Math.Sqrt(n2[c]);
        meanNorm /= k;
        double varNorm = 0;
        for (var c = 0; c < k; c++) varNorm += (Math.Sqrt(n2[c]) - meanNorm) * (Math.Sqrt(n2[c]) - meanNorm);
        var equinorm = Math.Sqrt(varNorm / k) / meanNorm;
        if (!(trace > 0))
        {
            // M̃ = 0: every class mean is the global mean; norms, angles, distances and the Gram matrix all vanish.
            var nan = double.NaN;
            return new MeanGeometry(nan, nan, nan, nan, nan, trace / k, 0)
            {
                Undefined = MetricUndefined.Of(
                    ("cdnv", MetricUndefined.MeansCoincide), ("equinormMeans", MetricUndefined.MeansCoincide),
                    ("equiangularity", MetricUndefined.MeansCoincide), ("maxAngle", MetricUndefined.MeansCoincide),
                    ("etfGramError", MetricUndefined.MeansCoincide)),
            };
        }
        var zeroRow = -1; // first class whose centred mean is 0: its angles are undefined
        for (var c = 0; c < k && zeroRow < 0; c++)
            if (!(n2[c] > 0)) zeroRow = c;

        var tiles = (k + Tile - 1) / Tile;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        var gammaD = SecondPass.EvaluationModel.Gamma(d + 3, SecondPass.EvaluationModel.UnitRoundoff64);
        var target = 1.0 / (k - 1);
        var sq = Math.Sqrt(k - 1.0);
        var tDiag = (1 - 1.0 / k) / sq;
        var tOff = -1.0 / k / sq;
        var diag = new NeumaierSum();
        foreach (var v in n2) diag.Add(v * v);

        // Sweep 1: pairs of CDNV and angles, Σ G_kl² (unless known) and, with ‖G‖_F known, the ETF error terms.
        double frob = gramFrobenius2 is { } f2 ? Math.Sqrt(f2) : double.NaN;
        var known = gramFrobenius2 is not null;
        var first = new TileSums[tiles];
        Parallel.For(0, tiles, options, () => new TileBuffers(d), (tb, _, buffers) =>
        {
            var sums = new TileSums();
            ForEachTile(centred, k, d, tb, buffers, (ta, g, ldg, rows, cols, a0, b0) =>
            {
                for (var i = 0; i < rows; i++)
                {
                    var a = a0 + i;
                    var grow = g.AsSpan(i * ldg, cols);
                    double cd = 0, ang = 0, g2 = 0, etf = 0;
                    long recomputed = 0;
                    for (var j = ta == tb ? i + 1 : 0; j < cols; j++)
                    {
                        var bcls = b0 + j;
                        var gab = grow[j];
                        var dist2 = n2[a] + n2[bcls] - 2 * gab;
                        if (!(2 * gammaD * (n2[a] + n2[bcls]) <= 1e-12 * dist2))
                        {
                            dist2 = SecondPass.NearestCentre.ScalarDistance(means.AsSpan(a * d, d), means.AsSpan(bcls * d, d));
                            recomputed++;
                        }
                        if (dist2 > 0) cd += (variance[a] + variance[bcls]) / (2 * dist2);
                        else if (sums.EqualPair is null || Before((a, bcls), sums.EqualPair.Value)) sums.EqualPair = (a, bcls);
                        var e = Math.Abs(gab / Math.Sqrt(n2[a] * n2[bcls]) + target);
                        ang += e;
                        if (e > sums.AngleMax) sums.AngleMax = e;
                        g2 += gab * gab;
                        if (known)
                        {
                            var t = gab / frob - tOff;
                            etf += t * t;
                        }
                    }
                    sums.Cdnv.Add(cd);
                    sums.Angle.Add(ang);
                    sums.OffDiagonalSquares.Add(g2);
                    sums.Etf.Add(2 * etf);
                    sums.Recomputed += recomputed;
                }
            });
            first[tb] = sums;
            return buffers;
        }, _ => { });
        var cdnv = new NeumaierSum();
        var angle = new NeumaierSum();
        var off = new NeumaierSum();
        var etfOff = new NeumaierSum();
        double angleMax = 0;
        long recomputedPairs = 0;
        (int, int)? equalPair = null;
        foreach (var s in first)
        {
            if (s.EqualPair is { } p && (equalPair is null || Before(p, equalPair.Value))) equalPair = p;
            cdnv.Merge(s.Cdnv);
            angle.Merge(s.Angle);
            off.Merge(s.OffDiagonalSquares);
            etfOff.Merge(s.Etf);
            if (s.AngleMax > angleMax) angleMax = s.AngleMax;
            recomputedPairs += s.Recomputed;
        }
        if (!known)
        {
            // Sweep 2: ‖G/F − T‖_F² off the diagonal, F = ‖G‖_F from sweep 1.
            frob = Math.Sqrt(diag.Value + 2 * off.Value);
            var second = new NeumaierSum[tiles];
            Parallel.For(0, tiles, options, () => new TileBuffers(d), (tb, _, buffers) =>
            {
                var sum = new NeumaierSum();
                ForEachTile(centred, k, d, tb, buffers, (ta, g, ldg, rows, cols, _, _) =>
                {
                    for (var i = 0; i < rows; i++)
                    {
                        var grow = g.AsSpan(i * ldg, cols);
                        double e2 = 0;
                        for (var j = ta == tb ? i + 1 : 0; j < cols; j++)
                        {
                            var e = grow[j] / frob - tOff;
                            e2 += e * e;
                        }
                        sum.Add(2 * e2);
                    }
                });
                second[tb] = sum;
                return buffers;
            }, _ => { });
            etfOff = new NeumaierSum();
            foreach (var s in second) etfOff.Merge(s);
        }
        var etf = new NeumaierSum();
        foreach (var v in n2)
        {
            var e = v / frob - tDiag;
            etf.Add(e * e);
        }
        etf.Merge(etfOff);
        var pairs = (double)k * (k - 1) / 2;
        var undefined = new List<(string, string)>();
        var cdnvValue = cdnv.Value / pairs;
        if (equalPair is { } eq)
        {
            cdnvValue = double.NaN;
            undefined.Add(("cdnv", MetricUndefined.EqualMeans(eq.Item1, eq.Item2)));
        }
        double angleMean = angle.Value / pairs;
        if (zeroRow >= 0)
        {
            angleMean = angleMax = double.NaN;
            undefined.Add(("equiangularity", MetricUndefined.ZeroCentredMean(zeroRow)));
            undefined.Add(("maxAngle", MetricUndefined.ZeroCentredMean(zeroRow)));
        }
        return new MeanGeometry(cdnvValue, equinorm, angleMean, angleMax, Math.Sqrt(etf.Value), trace / k, recomputedPairs)
        {
            Undefined = undefined.Count == 0 ? MetricUndefined.None : MetricUndefined.Of([.. undefined]),
        };
    }

    private static bool Before((int A, int B) x, (int A, int B) y) => x.A < y.A || (x.A == y.A && x.B < y.B);

    private delegate void TileAction(int ta, double[] g, int ldg, int rows, int cols, int a0, int b0);

    /// <summary>For column block <paramref name="tb"/>: every tile (ta ≤ tb) of G, computed by the blocked product.</summary>
    private static void ForEachTile(CentredMeans centred, int k, int d, int tb, TileBuffers buffers, TileAction action)
    {
        var b0 = tb * Tile;
        var cols = Math.Min(Tile, k - b0);
        var block = buffers.Block;
        centred.CopyRows(b0, cols, block);
        var panels = buffers.Panels.Repack<double>(block.AsSpan(0, cols * d), cols);
        var ldg = panels.PaddedRows;
        var g = buffers.Gram;
        for (var ta = 0; ta <= tb; ta++)
        {
            var a0 = ta * Tile;
            var rows = Math.Min(Tile, k - a0);
            centred.CopyRows(a0, rows, block);
            DenseGemm.MultiplyTransposed<double, DoubleOps>(block.AsSpan(0, rows * d), rows, d, panels, g, ldg);
            action(ta, g, ldg, rows, cols, a0, b0);
        }
    }

    /// <summary>Per-thread buffers of the tiled sweeps (reused tile after tile).</summary>
    private sealed class TileBuffers(int d)
    {
        public readonly double[] Block = new double[Tile * d];
        public readonly DensePanels<double> Panels = DensePanels<double>.WithCapacity(Tile, d);
        public readonly double[] Gram = new double[Tile * Tile];
    }

    private sealed class TileSums
    {
        public NeumaierSum Cdnv, Angle, OffDiagonalSquares, Etf;
        public double AngleMax;
        public (int, int)? EqualPair;
        public long Recomputed;
    }
}
