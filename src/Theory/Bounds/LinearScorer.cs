namespace Collapse.Theory.Bounds;

/// <summary>
/// Bias-free linear scorer z = W h used by the synthetic bound experiments (W is K×d, row-major).
/// TEMPORARY private margin/mean helpers: replaced by Collapse.Theory.Margins / ClassStatistics once the core lands.
/// </summary>
internal sealed class LinearScorer
{
    private readonly double[] _w;

    public LinearScorer(double[] weightsRowMajor, int classes, int dim)
    {
        _w = weightsRowMajor;
        Classes = classes;
        Dim = dim;
    }

    public int Classes { get; }
    public int Dim { get; }
    public ReadOnlySpan<double> Row(int k) => _w.AsSpan(k * Dim, Dim);

    /// <summary>w_k = B·(μ̂_k − μ̂_G)/‖μ̂_k − μ̂_G‖ from the class means of the sample (class-balanced μ̂_G).</summary>
    public static LinearScorer FitCentredMeans(ReadOnlySpan<double> x, ReadOnlySpan<int> y, int classes, int dim, double normBound)
    {
        var means = new double[classes * dim];
        var counts = new int[classes];
        var n = y.Length;
        for (var i = 0; i < n; i++)
        {
            var k = y[i];
            counts[k]++;
            var row = x.Slice(i * dim, dim);
            for (var j = 0; j < dim; j++) means[k * dim + j] += row[j];
        }
        var g = new double[dim];
        var present = 0;
        for (var k = 0; k < classes; k++)
        {
            if (counts[k] == 0) continue;
            present++;
            for (var j = 0; j < dim; j++) { means[k * dim + j] /= counts[k]; g[j] += means[k * dim + j]; }
        }
        for (var j = 0; j < dim; j++) g[j] /= Math.Max(1, present);
        var w = new double[classes * dim];
        for (var k = 0; k < classes; k++)
        {
            if (counts[k] == 0) continue;
            var s = 0.0;
            for (var j = 0; j < dim; j++) { var v = means[k * dim + j] - g[j]; w[k * dim + j] = v; s += v * v; }
            var f = s > 0 ? normBound / Math.Sqrt(s) : 0;
            for (var j = 0; j < dim; j++) w[k * dim + j] *= f;
        }
        return new LinearScorer(w, classes, dim);
    }

    /// <summary>Sample margins q_i = z_{i,y_i} − max_{j≠y_i} z_ij.</summary>
    public double[] Margins(ReadOnlySpan<double> x, ReadOnlySpan<int> y)
    {
        var n = y.Length;
        var q = new double[n];
        Span<double> z = stackalloc double[Classes];
        for (var i = 0; i < n; i++)
        {
            Scores(x.Slice(i * Dim, Dim), z);
            var best = double.NegativeInfinity;
            for (var k = 0; k < Classes; k++) if (k != y[i] && z[k] > best) best = z[k];
            q[i] = z[y[i]] - best;
        }
        return q;
    }

    /// <summary>Pair scores z_k − z_l of every sample of class k (in sample order).</summary>
    public double[] PairScores(ReadOnlySpan<double> x, ReadOnlySpan<int> y, int k, int l)
    {
        var list = new List<double>();
        Span<double> z = stackalloc double[Classes];
        for (var i = 0; i < y.Length; i++)
        {
            if (y[i] != k) continue;
            Scores(x.Slice(i * Dim, Dim), z);
            list.Add(z[k] - z[l]);
        }
        return list.ToArray();
    }

    private void Scores(ReadOnlySpan<double> h, Span<double> z)
    {
        for (var k = 0; k < Classes; k++)
        {
            var w = _w.AsSpan(k * Dim, Dim);
            var s = 0.0;
            for (var j = 0; j < Dim; j++) s += w[j] * h[j];
            z[k] = s;
        }
    }
}
