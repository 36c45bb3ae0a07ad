using Collapse.Theory.Numerics;
using Collapse.Theory.Statistics;

namespace Collapse.Theory.Metrics;

/// <summary>
/// The pairwise geometry of the class means in one pass over tiles of the Gram matrix G = M̃M̃ᵀ (M̃ the centred
/// means): CDNV (Galanti, György, Hutter 2022), equinorm, equiangularity and maxAngle (Papyan, Han, Donoho 2020), and
/// the ETF Gram error (Zhu et al. 2021) — over all K(K−1)/2 pairs without a K×K matrix and without per-pair
/// allocation. Tiles of <see cref="Tile"/>×<see cref="Tile"/> entries come from <see cref="DenseGemm"/>; the
/// Frobenius norm ‖G‖_F needed by the ETF error is collected in the first sweep and the error itself in a second
/// (the tiles are recomputed: K²d/2 flops per sweep). Sums are compensated per tile and merged in tile order, so
/// the result does not depend on the thread count.
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
    /// <summary>Classes per tile side.</summary>
    public const int Tile = 256;

    /// <summary>The geometry of <paramref name="stats"/> with the canonical class-balanced centring.</summary>
    public static MeanGeometry Of(ClassStatistics stats, int threads = 0) =>
        Of(stats.CentredMeanRows(), stats.MeanRows, Variances(stats), stats.Classes, stats.Dim, threads);

    /// <summary>The geometry of arbitrary rows (K×d): angles, norms and the ETF error of the rows themselves (CDNV with zero variances).</summary>
    public static MeanGeometry OfRows(MathNet.Numerics.LinearAlgebra.Matrix<double> rows, int threads = 0)
    {
        var a = rows.ToRowMajorArray();
        return Of(a, a, new double[rows.RowCount], rows.RowCount, rows.ColumnCount, threads);
    }

    /// <summary>σ_k² = M2_k / n_k per class (NaN for an empty class).</summary>
    public static double[] Variances(ClassStatistics stats)
    {
        var v = new double[stats.Classes];
        for (var c = 0; c < v.Length; c++) v[c] = stats.ClassVariance(c);
        return v;
    }

    /// <summary>
    /// The geometry of centred means <paramref name="centred"/> (K×d row-major), with the uncentred means
    /// <paramref name="means"/> (for the direct distance) and per-class variances <paramref name="variance"/>.
    /// </summary>
    public static MeanGeometry Of(double[] centred, double[] means, double[] variance, int k, int d, int threads = 0)
    {
        var n2 = new double[k];
        double trace = 0;
        for (var c = 0; c < k; c++)
        {
            n2[c] = BlockStatistics.SumOfSquares(centred.AsSpan(c * d, d));
            trace += n2[c];
        }
        // Equinorm of the centred means (population std / mean).
        double meanNorm = 0;
        for (var c = 0; c < k; c++) meanNorm += Math.Sqrt(n2[c]);
        meanNorm /= k;
        double varNorm = 0;
        for (var c = 0; c < k; c++) varNorm += (Math.Sqrt(n2[c]) - meanNorm) * (Math.Sqrt(n2[c]) - meanNorm);
        var equinorm = Math.Sqrt(varNorm / k) / meanNorm;

        var tiles = (k + Tile - 1) / Tile;
        var first = new TileSums[tiles];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        var gammaD = Margins.EvaluationModel.Gamma(d + 3, Margins.EvaluationModel.UnitRoundoff64);
        var target = 1.0 / (k - 1);
        double[]? single = null; // the whole G when it is one tile (reused by the second sweep)
        Parallel.For(0, tiles, options, tb =>
        {
            var sums = new TileSums();
            ForEachTile(centred, k, d, tb, (ta, g, ldg, rows, cols, a0, b0) =>
            {
                for (var i = 0; i < rows; i++)
                {
                    var a = a0 + i;
                    var row = g.AsSpan(i * ldg, cols);
                    double cd = 0, ang = 0, g2 = 0;
                    long recomputed = 0;
                    var jStart = ta == tb ? i + 1 : 0;
                    for (var j = jStart; j < cols; j++)
                    {
                        var bcls = b0 + j;
                        var gab = row[j];
                        var dist2 = n2[a] + n2[bcls] - 2 * gab;
                        if (!(2 * gammaD * (n2[a] + n2[bcls]) <= 1e-12 * dist2))
                        {
                            dist2 = Margins.SampleBlock.ScalarDistance(means.AsSpan(a * d, d), means.AsSpan(bcls * d, d));
                            recomputed++;
                        }
                        cd += (variance[a] + variance[bcls]) / (2 * dist2);
                        var e = Math.Abs(gab / Math.Sqrt(n2[a] * n2[bcls]) + target);
                        ang += e;
                        if (e > sums.AngleMax) sums.AngleMax = e;
                        g2 += gab * gab;
                    }
                    sums.Cdnv.Add(cd);
                    sums.Angle.Add(ang);
                    sums.OffDiagonalSquares.Add(g2);
                    sums.Recomputed += recomputed;
                }
                if (tiles == 1) single = (double[])g.Clone();
            });
            first[tb] = sums;
        });
        var cdnv = new NeumaierSum();
        var angle = new NeumaierSum();
        var off = new NeumaierSum();
        double angleMax = 0;
        long recomputedPairs = 0;
        foreach (var s in first)
        {
            cdnv.Merge(s.Cdnv);
            angle.Merge(s.Angle);
            off.Merge(s.OffDiagonalSquares);
            if (s.AngleMax > angleMax) angleMax = s.AngleMax;
            recomputedPairs += s.Recomputed;
        }
        var diag = new NeumaierSum();
        foreach (var v in n2) diag.Add(v * v);
        var frob = Math.Sqrt(diag.Value + 2 * off.Value);

        // Second sweep: ‖G/F − T‖_F², T = (I − 11ᵀ/K)/√(K−1).
        var sq = Math.Sqrt(k - 1.0);
        var tDiag = (1 - 1.0 / k) / sq;
        var tOff = -1.0 / k / sq;
        var second = new NeumaierSum[tiles];
        void Accumulate(int tb, int ta, double[] g, int ldg, int rows, int cols, ref NeumaierSum sum)
        {
            for (var i = 0; i < rows; i++)
            {
                var row = g.AsSpan(i * ldg, cols);
                double s = 0;
                for (var j = ta == tb ? i + 1 : 0; j < cols; j++)
                {
                    var e = row[j] / frob - tOff;
                    s += e * e;
                }
                sum.Add(2 * s);
            }
        }
        if (single is not null)
        {
            var sum = new NeumaierSum();
            Accumulate(0, 0, single, PanelWidth(Math.Min(k, Tile)), k, k, ref sum);
            second[0] = sum;
        }
        else
            Parallel.For(0, tiles, options, tb =>
            {
                var sum = new NeumaierSum();
                ForEachTile(centred, k, d, tb, (ta, g, ldg, rows, cols, _, _) => Accumulate(tb, ta, g, ldg, rows, cols, ref sum));
                second[tb] = sum;
            });
        var etf = new NeumaierSum();
        foreach (var v in n2)
        {
            var e = v / frob - tDiag;
            etf.Add(e * e);
        }
        foreach (var s in second) etf.Merge(s);
        var pairs = (double)k * (k - 1) / 2;
        return new MeanGeometry(cdnv.Value / pairs, equinorm, angle.Value / pairs, angleMax, Math.Sqrt(etf.Value), trace / k, recomputedPairs);
    }

    private static int PanelWidth(int rows) => (rows + DensePanels<double>.Width - 1) / DensePanels<double>.Width * DensePanels<double>.Width;

    private delegate void TileAction(int ta, double[] g, int ldg, int rows, int cols, int a0, int b0);

    /// <summary>For column block <paramref name="tb"/>: every tile (ta ≤ tb) of G, computed by the blocked product.</summary>
    private static void ForEachTile(double[] centred, int k, int d, int tb, TileAction action)
    {
        var b0 = tb * Tile;
        var cols = Math.Min(Tile, k - b0);
        var panels = DensePanels<double>.Pack<double>(centred.AsSpan(b0 * d, cols * d), cols, d);
        var ldg = panels.PaddedRows;
        var g = new double[Tile * ldg];
        for (var ta = 0; ta <= tb; ta++)
        {
            var a0 = ta * Tile;
            var rows = Math.Min(Tile, k - a0);
            DenseGemm.MultiplyTransposed<double, DoubleOps>(centred.AsSpan(a0 * d, rows * d), rows, d, panels, g, ldg);
            action(ta, g, ldg, rows, cols, a0, b0);
        }
    }

    private sealed class TileSums
    {
        public NeumaierSum Cdnv, Angle, OffDiagonalSquares;
        public double AngleMax;
        public long Recomputed;
    }
}
