using Collapse.Theory.Numerics;
using Collapse.Theory.Statistics;

namespace Collapse.Theory.Metrics.SecondPass;

/// <summary>
/// The immutable, thread-shared inputs of the second pass: the class means (float64, and packed in float32 for the
/// nearest-centre screening), the classifier packed for the logit product, the nc1 projection P = S⁻¹Vᵀ packed, and
/// the constants of the rigorous error bounds of the screening and of the logit recheck (docs/metrics.md).
/// </summary>
public sealed class EvaluationModel
{
    /// <summary>Unit roundoff of float32, 2⁻²⁴.</summary>
    public const double UnitRoundoff32 = 5.9604644775390625e-8;

    /// <summary>Unit roundoff of float64, 2⁻⁵³.</summary>
    public const double UnitRoundoff64 = 1.1102230246251565e-16;

    /// <summary>Above this ‖h‖·max‖μ_k‖ the float32 products could overflow: such rows are decided exactly.</summary>
    public const double Float32ProductLimit = 1e36;

    private EvaluationModel() { }

    /// <summary>K.</summary>
    public int Classes { get; private init; }

    /// <summary>d.</summary>
    public int Dim { get; private init; }

    /// <summary>The class means μ_k, row-major K×d (the values of the first pass).</summary>
    internal double[] Means { get; private init; } = [];

    /// <summary>‖μ_k‖² in float64.</summary>
    internal double[] MeanNorm2 { get; private init; } = [];

    /// <summary>max_k ‖μ_k‖, rounded up by a relative 1e-12 so that it bounds the exact value.</summary>
    internal double MeanNormMax { get; private init; }

    /// <summary>Means packed in float32 for the screening product (null: screening in float64).</summary>
    internal DensePanels<float>? Means32 { get; private init; }

    /// <summary>Means packed in float64 (only when the screening runs in float64).</summary>
    internal DensePanels<double>? Means64 { get; private init; }

    /// <summary>α of the screening bound |p̂_k − h·μ_k| ≤ α‖h‖‖μ_k‖ + η.</summary>
    internal double ScreenAlpha { get; private init; }

    /// <summary>Absolute per-dimension part of η (gradual underflow).</summary>
    internal double ScreenEtaUnit { get; private init; }

    /// <summary>γ_{d+2} in float64 (error of the scalar distance Σ(h_j − μ_kj)², and of ‖μ‖², ‖h‖²).</summary>
    internal double Gamma64 { get; private init; }

    /// <summary>The classifier (null: no logit part).</summary>
    public Classifier? Classifier { get; private init; }

    /// <summary>W row-major (K×d), ×2^−<see cref="ScaleExponent"/>.</summary>
    internal double[]? W { get; private init; }

    /// <summary>W packed for the logit product.</summary>
    internal DensePanels<double>? WPanels { get; private init; }

    /// <summary>b, or null.</summary>
    internal double[]? Bias { get; private init; }

    /// <summary>max_k ‖w_k‖ (rounded up).</summary>
    internal double WNormMax { get; private init; }

    /// <summary>max_k |b_k|.</summary>
    internal double BiasAbsMax { get; private init; }

    /// <summary>P = S⁻¹Vᵀ of the nc1 route packed (r rows), or null.</summary>
    internal DensePanels<double>? Projection { get; private init; }

    /// <summary>Rank r of the nc1 route (0 without projection).</summary>
    public int Nc1Rank { get; private init; }

    /// <summary>Whether the nearest-centre screening runs in float32.</summary>
    public bool ScreensInFloat32 => Means32 is not null;

    /// <summary>e of <see cref="FeatureScale"/>: pass 2 multiplies every row by 2^e as it is read (the means are those of the scaled features, W is stored ×2^−e).</summary>
    public int ScaleExponent { get; private init; }

    /// <summary>Whether nc1 is accumulated by the projection (with rank 0 it is 0).</summary>
    public bool ProjectsNc1 { get; private init; }

    /// <summary>
    /// Builds the model. <paramref name="projection"/> (r×d row-major, P = S⁻¹Vᵀ) enables the nc1 accumulation; when
    /// <paramref name="float32Screening"/> is false, or the means are too large for float32 products, the
    /// nearest-centre screening runs in float64 (same bound logic, float64 constants).
    /// </summary>
    public static EvaluationModel Create(ClassStatistics stats, Classifier? classifier, double[]? projection, int rank, bool float32Screening = true)
    {
        int k = stats.Classes, d = stats.Dim;
        if (classifier is not null && (classifier.Classes != k || classifier.Dim != d))
            throw new ArgumentException($"classifier is {classifier.Classes}×{classifier.Dim}, expected {k}×{d}");
        if (projection is not null && projection.Length != (long)rank * d) throw new ArgumentException("projection must be r×d", nameof(projection));
        var means = stats.MeanRows;
        var norm2 = new double[k];
        double maxNorm = 0;
        var maxAbs = 0.0;
        for (var c = 0; c < k; c++)
        {
            var row = means.AsSpan(c * d, d);
            norm2[c] = BlockStatistics.SumOfSquares(row);
            maxNorm = Math.Max(maxNorm, Math.Sqrt(norm2[c]));
            foreach (var v in row) maxAbs = Math.Max(maxAbs, Math.Abs(v));
        }
        var gamma64 = Gamma(d + 2, UnitRoundoff64);
        maxNorm *= 1 + 2 * gamma64 + 1e-12;
        // float32 products of values this large could overflow; values this small lose their relative precision.
        var f32 = float32Screening && maxAbs < 1e30 && maxNorm * maxNorm < Float32ProductLimit && !double.IsNaN(maxNorm);
        double alpha, etaUnit;
        if (f32)
        {
            var u = UnitRoundoff32;
            alpha = Gamma(d, u) * (1 + u) * (1 + u) + 2 * u * (1 + u);
            etaUnit = Math.ScaleB(1.0, -148); // 2⁻¹⁴⁹ per rounding of a subnormal float32 result, doubled
        }
        else
        {
            alpha = Gamma(d, UnitRoundoff64);
            etaUnit = Math.ScaleB(1.0, -1073);
        }
        double[]? w = null, bias = null;
        DensePanels<double>? wPanels = null;
        double wMax = 0, bMax = 0;
        var scale = stats.ScaleExponent;
        if (classifier is not null)
        {
            w = classifier.RowMajor;
            if (scale != 0)
            {
                // Features ×2^e, W ×2^−e: the logits (W 2^−e)(2^e h) + b are those of the features as given.
                w = (double[])w.Clone();
                FeatureScale.Scale(w, -scale);
            }
            wPanels = DensePanels<double>.Pack<double>(w, k, d);
            for (var c = 0; c < k; c++) wMax = Math.Max(wMax, RobustNorm.Euclidean(w.AsSpan(c * d, d)));
            wMax *= 1 + 2 * gamma64 + 1e-12;
            if (classifier.Bias is not null)
            {
                bias = classifier.Bias.ToArray();
                foreach (var v in bias) bMax = Math.Max(bMax, Math.Abs(v));
            }
        }
        return new EvaluationModel
        {
            Classes = k,
            Dim = d,
            Means = means,
            MeanNorm2 = norm2,
            MeanNormMax = maxNorm,
            Means32 = f32 ? DensePanels<float>.Pack<double>(means, k, d) : null,
            Means64 = f32 ? null : DensePanels<double>.Pack<double>(means, k, d),
            ScreenAlpha = alpha,
            ScreenEtaUnit = etaUnit,
            Gamma64 = gamma64,
            Classifier = classifier,
            W = w,
            WPanels = wPanels,
            Bias = bias,
            WNormMax = wMax,
            BiasAbsMax = bMax,
            Projection = projection is null || rank == 0 ? null : DensePanels<double>.Pack<double>(projection, rank, d),
            Nc1Rank = projection is null ? 0 : rank,
            ProjectsNc1 = projection is not null,
            ScaleExponent = scale,
        };
    }

    /// <summary>γ_n = n·u / (1 − n·u) (Higham 2002, Lemma 3.1).</summary>
    public static double Gamma(int n, double u) => n * u / (1 - n * u);

    /// <summary>
    /// Half-width Δ of the candidate band of the nearest-centre screening for a row of norm <paramref name="hNorm"/>:
    /// every class whose exact scalar distance could be minimal has screened score ≤ min + Δ (docs/metrics.md).
    /// </summary>
    internal double ScreenBand(double hNorm)
    {
        var mu = MeanNormMax;
        var h = hNorm * (1 + 2 * Gamma64 + 1e-12);
        var eta = ScreenEtaUnit * (Dim + Math.Sqrt(Dim) * (h + mu));
        var score = 2 * ScreenAlpha * h * mu + 2 * eta + 2 * Gamma64 * (mu * mu + 2 * h * mu);
        var distance = 2 * Gamma64 * (h + mu) * (h + mu);
        return 1.01 * (2 * score + distance) + double.Epsilon;
    }

    /// <summary>Bound on |ẑ_c − z_c^scalar| between the blocked and the scalar float64 logits of a row of norm <paramref name="hNorm"/>.</summary>
    internal double LogitGap(double hNorm)
    {
        var h = hNorm * (1 + 2 * Gamma64 + 1e-12);
        return 1.01 * 2 * Gamma(Dim + 1, UnitRoundoff64) * (BiasAbsMax + WNormMax * h) + double.Epsilon;
    }

    /// <summary>Bytes held by the packed operands.</summary>
    public long PackedBytes => (Means32?.Bytes ?? 0) + (Means64?.Bytes ?? 0) + (WPanels?.Bytes ?? 0) + (Projection?.Bytes ?? 0);
}
