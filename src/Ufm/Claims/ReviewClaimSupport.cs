using System.Globalization;
using Collapse.Theory;
using Collapse.Theory.Claims;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Shared plumbing of the MSE / imbalance / layer-peeled claims (docs/review-models.md): typed parameter reading with
/// range checks (unknown names are rejected), drawable plot series, and conversions of the simulator's arrays.
/// </summary>
internal static class ReviewClaimSupport
{
    /// <summary>The effective parameters (defaults overridden by the context); an override the claim does not declare is an input error.</summary>
    public static IReadOnlyDictionary<string, string> Resolve(IClaim claim, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(context);
        var d = new Dictionary<string, string>(claim.DefaultParameters, StringComparer.Ordinal);
        foreach (var (k, v) in context.Parameters)
        {
            if (!d.ContainsKey(k))
                throw new InputException($"--param {k}: claim '{claim.Id}' has no parameter '{k}' (known: {string.Join(", ", claim.DefaultParameters.Keys)})");
            d[k] = v;
        }
        return d;
    }

    /// <summary>An integer parameter in [min, max].</summary>
    public static int Int(IReadOnlyDictionary<string, string> p, string name, int min, int max)
    {
        if (!int.TryParse(p[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            throw new InputException($"--param {name}={p[name]}: must be an integer in [{min}, {max}]");
        return v;
    }

    /// <summary>A finite real parameter in [min, max].</summary>
    public static double Real(IReadOnlyDictionary<string, string> p, string name, double min, double max)
    {
        if (!double.TryParse(p[name], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < min || v > max)
            throw new InputException($"--param {name}={p[name]}: must be a number in [{Num(min)}, {Num(max)}]");
        return v;
    }

    /// <summary>A comma-separated list of finite reals in [min, max], at least <paramref name="minCount"/> of them, strictly increasing.</summary>
    public static double[] RealList(IReadOnlyDictionary<string, string> p, string name, double min, double max, int minCount)
    {
        var parts = p[name].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]) || values[i] < min || values[i] > max)
                throw new InputException($"--param {name}: '{parts[i]}' is not a number in [{Num(min)}, {Num(max)}]");
        if (values.Length < minCount) throw new InputException($"--param {name}={p[name]}: need at least {minCount} values");
        for (var i = 1; i < values.Length; i++)
            if (!(values[i] > values[i - 1])) throw new InputException($"--param {name}={p[name]}: values must be strictly increasing");
        return values;
    }

    /// <summary>A text parameter that must be one of <paramref name="allowed"/>.</summary>
    public static string Choice(IReadOnlyDictionary<string, string> p, string name, params string[] allowed)
    {
        var v = p[name];
        if (!allowed.Contains(v, StringComparer.Ordinal)) throw new InputException($"--param {name}={v}: must be one of {string.Join(", ", allowed)}");
        return v;
    }

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

    /// <summary>Invariant short number (G4).</summary>
    public static string Num(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Invariant number (G6).</summary>
    public static string Num6(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

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

