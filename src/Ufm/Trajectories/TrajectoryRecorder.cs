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
        // The rows of W = 0 (the collapse to the origin of a strongly regularized UFM) have no angles: cosine undefined.
        var gramError = normW > 0 ? EtfGramError.OfRows(wm) : double.NaN;
        return new TrajectoryRow
        {
            Step = step,
            StepSize = stepSize,
            Objective = loss + reg,
            Loss = loss,
            LogLoss = logLoss,
            TrainAccuracy = report.Accuracy ?? double.NaN,
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
            Undefined = Reasons(report, normW > 0),
        };
    }

    /// <summary>The engine's reasons for the undefined metrics of this row, plus the W-geometry cosine when W = 0.</summary>
    private static IReadOnlyDictionary<string, string> Reasons(MetricReport report, bool wNonZero)
    {
        if (wNonZero) return report.Undefined;
        var all = new Dictionary<string, string>(report.Undefined) { ["etfGramCosine"] = MetricUndefined.ZeroClassifier };
        return all;
    }

    private static readonly MetricOptions RecorderOptions = new() { CheckFinite = false, PairMargins = PairMarginMode.Summary };

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
