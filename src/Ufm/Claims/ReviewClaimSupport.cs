using System.Globalization;
using Collapse.Theory.Claims;
using MathNet.Numerics.LinearAlgebra;
using Collapse.Theory.IO;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Shared helpers of the MSE / imbalance / layer-peeled claims (docs/review-models.md): drawable plot series,
/// conversions of the simulator's arrays, small geometry and fitting helpers.
/// </summary>
internal static class ReviewClaimSupport
{
    /// <summary>
    /// A plot series of the points a plot with these log axes can draw (finite, positive on log axes), thinned evenly in
    /// index to at most <see cref="TrajectoryPlots.MaxPoints"/> points keeping the ends.
    /// </summary>
    public static PlotSeries Series(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, bool logX, bool logY, SeriesStyle style = SeriesStyle.Line)
    {
        var keep = new List<int>();
        for (var i = 0; i < x.Count; i++)
            if (double.IsFinite(x[i]) && double.IsFinite(y[i]) && (!logX || x[i] > 0) && (!logY || y[i] > 0)) keep.Add(i);
        var max = TrajectoryPlots.MaxPoints;
        var xs = new List<double>();
        var ys = new List<double>();
        var last = -1;
        for (var j = 0; j < Math.Min(keep.Count, max); j++)
        {
            var idx = keep.Count <= max ? j : (int)Math.Round(j * (keep.Count - 1) / (double)(max - 1));
            if (idx == last) continue;
            last = idx;
            xs.Add(x[keep[idx]]);
            ys.Add(y[keep[idx]]);
        }
        return new PlotSeries(name, xs, ys) { Style = style };
    }

    /// <summary>A dashed horizontal line from x0 to x1.</summary>
    public static PlotSeries Level(string name, double y, double x0, double x1) =>
        double.IsFinite(y) ? new PlotSeries(name, [x0, x1], [y, y]) { Style = SeriesStyle.Dashed } : new PlotSeries(name, [], []) { Style = SeriesStyle.Dashed };

    /// <summary>Row-major rows×cols array as a matrix.</summary>
    public static Matrix<double> Matrix(double[] data, int rows, int cols) => Matrix<double>.Build.DenseOfRowMajor(rows, cols, data);

    /// <summary>Class means (K×d) of sample-major features.</summary>
    public static Matrix<double> ClassMeans(double[] h, IReadOnlyList<int> labels, int classes, int dim)
    {
        var m = Matrix<double>.Build.Dense(classes, dim);
        var counts = new int[classes];
        for (var i = 0; i < labels.Count; i++)
        {
            counts[labels[i]]++;
            for (var j = 0; j < dim; j++) m[labels[i], j] += h[i * dim + j];
        }
        for (var c = 0; c < classes; c++)
            for (var j = 0; j < dim; j++) m[c, j] /= counts[c];
        return m;
    }

    /// <summary>Mean pairwise cosine of the given rows.</summary>
    public static double MeanPairwiseCosine(Matrix<double> rows, int first, int count)
    {
        double sum = 0;
        var pairs = 0;
        for (var a = first; a < first + count; a++)
            for (var b = a + 1; b < first + count; b++)
            {
                sum += rows.Row(a).DotProduct(rows.Row(b)) / (rows.Row(a).L2Norm() * rows.Row(b).L2Norm());
                pairs++;
            }
        return pairs == 0 ? double.NaN : sum / pairs;
    }

    /// <summary>A number in the display form (<see cref="NumberFormat.Display"/>).</summary>
    public static string Num(double v) => NumberFormat.Display(v);

    /// <summary>A number in the display form (<see cref="NumberFormat.Display"/>; kept for the callers that asked for 6 digits).</summary>
    public static string Num6(double v) => NumberFormat.Display(v);

    /// <summary>Least-squares line y = a x + c: (a, c).</summary>
    public static (double Slope, double Intercept) Line(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = x.Count;
        double mx = x.Average(), my = y.Average(), sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        var a = sxy / sxx;
        return (a, my - a * mx);
    }
}

