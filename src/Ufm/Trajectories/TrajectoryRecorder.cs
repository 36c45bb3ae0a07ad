using Collapse.Theory.Metrics;
using Collapse.Ufm.Engine;
using Collapse.Ufm.Model;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Ufm.Trajectories;

/// <summary>
/// Turns a float64 copy of (W, H, b) into a <see cref="TrajectoryRow"/>: every NC metric, margin and the CE come from
/// <see cref="NcMetrics.Compute"/> (Collapse.Theory), so the UFM uses exactly the conventions of docs/conventions.md.
/// </summary>
internal sealed class TrajectoryRecorder(UfmConfig config, UfmData data)
{
    /// <summary>Computes the row for step <paramref name="step"/> (SVM columns are NaN; see <see cref="WithSvm"/>).</summary>
    public TrajectoryRow Record(long step, double stepSize, double[] w, double[] h, double[]? b)
    {
        int k = data.Classes, d = data.Dim;
        var wm = Matrix<double>.Build.Dense(k, d, (r, c) => w[r * d + c]);
        var bias = b is null ? null : Vector<double>.Build.DenseOfArray((double[])b.Clone());
        var report = NcMetrics.Compute(h, data.Labels, k, d, new Classifier(wm, bias));
        var margins = report.Margins!;
        double normW = wm.FrobeniusNorm();
        double normH = Math.Sqrt(DenseKernels.SumOfSquares(h));
        double normB = b is null ? 0.0 : Math.Sqrt(DenseKernels.SumOfSquares(b));
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
            Nc1TraceRatio = report.Nc1TraceRatio,
            Cdnv = report.Cdnv,
            EquinormMeans = report.EquinormMeans,
            EquinormClassifier = report.EquinormClassifier ?? double.NaN,
            Equiangularity = report.Equiangularity,
            MaxAngle = report.MaxAngle,
            EtfGramError = report.EtfGramError,
            Nc3 = report.Nc3 ?? double.NaN,
            Nc4 = report.Nc4 ?? double.NaN,
            NccAccuracy = report.NccAccuracy,
            SvmDirectionDistance = double.NaN,
            SvmResidual = double.NaN,
            // ‖A/‖A‖ − B/‖B‖‖_F² = 2 − 2 cos_F(A, B) (claims catalogue A7) turns the Gram error of W into the cosine.
            EtfGramCosine = 1.0 - 0.5 * gramError * gramError,
        };
    }

    /// <summary>Fills the SVM columns: direction distance always, the residual ‖W − W_svm ln t‖ when requested (mode b).</summary>
    public static TrajectoryRow WithSvm(TrajectoryRow row, double[] w, double[]? b, SvmReference svm, bool residual)
    {
        var wb = SvmReference.Stack(w, b, svm.Classes, svm.Dim);
        var norm = Math.Sqrt(DenseKernels.SumOfSquares(wb));
        var svmNorm = Math.Sqrt(DenseKernels.SumOfSquares(svm.Weights));
        double dist = 0, res = 0, lnT = row.Step >= 1 ? Math.Log(row.Step) : double.NaN;
        for (var i = 0; i < wb.Length; i++)
        {
            var t = wb[i] / norm - svm.Weights[i] / svmNorm;
            dist += t * t;
            var r = wb[i] - svm.Weights[i] * lnT;
            res += r * r;
        }
        return row with
        {
            SvmDirectionDistance = norm == 0 ? double.NaN : Math.Sqrt(dist),
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
