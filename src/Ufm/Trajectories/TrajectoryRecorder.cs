using Collapse.Theory.Loss;
using Collapse.Theory.Metrics;
using Collapse.Theory.Numerics;
using Collapse.Ufm.Engine;
using Collapse.Ufm.Model;
using MathNet.Numerics.LinearAlgebra;
using Collapse.Theory.Svm;

namespace Collapse.Ufm.Trajectories;

/// <summary>
/// Turns a float64 copy of (W, H, b) into a <see cref="TrajectoryRow"/>: every NC metric, margin and the CE come from
/// the shared metric core (<see cref="MetricEngine"/> through <see cref="NcMetrics"/>, Collapse.Theory), so the UFM uses
/// exactly the conventions of docs/conventions.md.
/// </summary>
internal sealed class TrajectoryRecorder(UfmConfig config, UfmData data)
{
    /// <summary>Computes the row for step <paramref name="step"/> (SVM columns are NaN; see <see cref="WithSvm"/>).</summary>
    public TrajectoryRow Record(long step, double stepSize, double[] w, double[] h, double[]? b)
    {
        int k = data.Classes, d = data.Dim;
        var wm = Matrix<double>.Build.Dense(k, d, (r, c) => w[r * d + c]);
        var bias = b is null ? null : Vector<double>.Build.DenseOfArray((double[])b.Clone());
        double normW = wm.FrobeniusNorm();
        double normH = Math.Sqrt(DenseKernels.SumOfSquares(h));
        double normB = b is null ? 0.0 : Math.Sqrt(DenseKernels.SumOfSquares(b));
        if (normW < DegenerateNorm || normH < DegenerateNorm) return Degenerate(step, stepSize, normW, normH, normB, w, h, b);
        // nc1 comes from the rank-min(K−1, d) projection in pass 2, never from a d×d scatter.
        var classifier = Classifier.FromRowMajor((double[])w.Clone(), k, d, bias);
        var report = NcMetrics.Compute(h, data.Labels, k, d, classifier, RecorderOptions);
        var margins = report.Margins!;
        double loss, logLoss;
        if (config.Loss == UfmLoss.CrossEntropy)
        {
            loss = report.Ce!.Value;
            logLoss = report.LogCe!.Value;
        }
        else
        {
            loss = MeanSquaredError(w, h, b);
            logLoss = Math.Log(loss);
        }
        var reg = 0.5 * (config.LambdaW * normW * normW + config.LambdaH * normH * normH + config.LambdaB * normB * normB);
        var gramError = EtfGramError.OfRows(wm);
        return new TrajectoryRow
        {
            Step = step,
            StepSize = stepSize,
            Objective = loss + reg,
            Loss = loss,
            LogLoss = logLoss,
            TrainAccuracy = report.Accuracy!.Value,
            MinMargin = margins.MinMargin,
            NormalizedMargin = margins.NormalizedMargin,
            UfmNormalizedMargin = margins.UfmNormalizedMargin,
            SmoothedMargin = margins.SmoothedMargin,
            NormalizedSmoothedMargin = margins.NormalizedSmoothedMargin,
            UfmNormalizedSmoothedMargin = margins.UfmNormalizedSmoothedMargin,
            NormW = normW,
            NormH = normH,
            NormB = normB,
            Nc1 = report.Nc1 ?? double.NaN,
            Nc1TraceRatio = report.Nc1TraceRatio ?? double.NaN,
            Cdnv = report.Cdnv ?? double.NaN,
            EquinormMeans = report.EquinormMeans ?? double.NaN,
            EquinormClassifier = report.EquinormClassifier ?? double.NaN,
            Equiangularity = report.Equiangularity ?? double.NaN,
            MaxAngle = report.MaxAngle ?? double.NaN,
            EtfGramError = report.EtfGramError ?? double.NaN,
            Nc3 = report.Nc3 ?? double.NaN,
            Nc4 = report.Nc4 ?? double.NaN,
            NccAccuracy = report.NccAccuracy,
            SvmDirectionDistance = double.NaN,
            SvmResidual = double.NaN,
            // ‖A/‖A‖ − B/‖B‖‖_F² = 2 − 2 cos_F(A, B) (claim nc3-cosine-identity) turns the Gram error of W into the cosine.
            EtfGramCosine = 1.0 - 0.5 * gramError * gramError,
        };
    }

    private static readonly MetricOptions RecorderOptions = new() { CheckFinite = false, PairMargins = PairMarginMode.Summary };

    /// <summary>Below this ‖W‖_F or ‖H‖_F the Gram matrices of the metrics underflow in float64 (entries ~‖·‖⁴ &lt; 1e-300 in squared norms).</summary>
    public const double DegenerateNorm = 1e-60;

    /// <summary>
    /// Row for W ≈ 0 or H ≈ 0 (norm below <see cref="DegenerateNorm"/>) (e.g. the collapse to the origin of a strongly regularized UFM): the geometry is
    /// undefined, so only the loss, objective and norms are reported and every angle/ratio metric is NaN.
    /// </summary>
    private TrajectoryRow Degenerate(long step, double stepSize, double normW, double normH, double normB, double[] w, double[] h, double[]? b)
    {
        int k = data.Classes, d = data.Dim, n = data.Samples;
        var logits = new double[n * k];
        for (var i = 0; i < n; i++)
            for (var c = 0; c < k; c++)
                logits[i * k + c] = DenseKernels.Dot(w.AsSpan(c * d, d), h.AsSpan(i * d, d)) + (b is null ? 0.0 : b[c]);
        var (ce, logCe) = CrossEntropy.Evaluate(logits, data.Labels, k);
        var loss = config.Loss == UfmLoss.CrossEntropy ? ce : MeanSquaredError(w, h, b);
        var reg = 0.5 * (config.LambdaW * normW * normW + config.LambdaH * normH * normH + config.LambdaB * normB * normB);
        var nan = double.NaN;
        return new TrajectoryRow
        {
            Step = step,
            StepSize = stepSize,
            Objective = loss + reg,
            Loss = loss,
            LogLoss = config.Loss == UfmLoss.CrossEntropy ? logCe : Math.Log(loss),
            TrainAccuracy = nan,
            MinMargin = nan,
            NormalizedMargin = nan,
            UfmNormalizedMargin = nan,
            SmoothedMargin = nan,
            NormalizedSmoothedMargin = nan,
            UfmNormalizedSmoothedMargin = nan,
            NormW = normW,
            NormH = normH,
            NormB = normB,
            Nc1 = nan,
            Nc1TraceRatio = nan,
            Cdnv = nan,
            EquinormMeans = nan,
            EquinormClassifier = nan,
            Equiangularity = nan,
            MaxAngle = nan,
            EtfGramError = nan,
            Nc3 = nan,
            Nc4 = nan,
            NccAccuracy = nan,
            SvmDirectionDistance = nan,
            SvmResidual = nan,
            EtfGramCosine = nan,
        };
    }

    /// <summary>Fills the SVM columns: direction distance always (<see cref="SvmReference.DirectionDistance"/>), the residual ‖W − W_svm ln t‖ when requested (mode b).</summary>
    public static TrajectoryRow WithSvm(TrajectoryRow row, double[] w, double[]? b, SvmReference svm, bool residual)
    {
        var res = 0.0;
        var lnT = row.Step >= 1 ? Math.Log(row.Step) : double.NaN;
        if (residual && row.Step >= 1)
        {
            var wb = SvmReference.Stack(w, b, svm.Classes, svm.Dim);
            for (var i = 0; i < wb.Length; i++)
            {
                var r = wb[i] - svm.Weights[i] * lnT;
                res += r * r;
            }
        }
        return row with
        {
            SvmDirectionDistance = svm.DirectionDistance(w, b),
            SvmResidual = residual && row.Step >= 1 ? Math.Sqrt(res) : double.NaN,
        };
    }

    private double MeanSquaredError(double[] w, double[] h, double[]? b)
    {
        int k = data.Classes, d = data.Dim, n = data.Samples;
        Span<double> z = stackalloc double[k];
        Span<double> g = stackalloc double[k];
        var s = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < k; c++)
                z[c] = DenseKernels.Dot(w.AsSpan(c * d, d), h.AsSpan(i * d, d)) + (b is null ? 0.0 : b[c]);
            s += LogitGradient.Compute(UfmLoss.Mse, z, data.Labels[i], 1.0, g, wantLoss: true);
        }
        return s / n;
    }
}
