using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Metrics;

/// <summary>A linear classifier z = W h + b with W ∈ R^{K×d} (row w_k per class) and optional bias b ∈ R^K.</summary>
/// <param name="Weights">W, K×d.</param>
/// <param name="Bias">b (length K) or null for a bias-free classifier.</param>
public sealed record Classifier(Matrix<double> Weights, Vector<double>? Bias = null)
{
    private Matrix<double>? _weights = Weights;
    private double[]? _rows;
    private int _k = Weights?.RowCount ?? 0, _d = Weights?.ColumnCount ?? 0;

    /// <summary>W, K×d (built from the row-major copy on first use when created by <see cref="FromRowMajor"/>).</summary>
    public Matrix<double> Weights
    {
        get => _weights ??= Matrix<double>.Build.DenseOfRowMajor(_k, _d, _rows!);
        init
        {
            _weights = value;
            _rows = null;
            _k = value.RowCount;
            _d = value.ColumnCount;
        }
    }

    /// <summary>A classifier whose K×d weights are given row-major (no MathNet copy until <see cref="Weights"/> is read).</summary>
    public static Classifier FromRowMajor(double[] weights, int classes, int dim, Vector<double>? bias = null)
    {
        if (weights.Length != (long)classes * dim) throw new ArgumentException($"W holds {weights.Length} values, expected {classes}×{dim}", nameof(weights));
        return new Classifier(null!, bias) { _rows = weights, _k = classes, _d = dim };
    }

    /// <summary>K.</summary>
    public int Classes => _k;

    /// <summary>d.</summary>
    public int Dim => _d;

    /// <summary>Writes the K logits of <paramref name="h"/> into <paramref name="logits"/>.</summary>
    public void Logits(ReadOnlySpan<double> h, Span<double> logits)
    {
        int k = Classes, d = Dim;
        var w = RowMajor;
        for (int c = 0; c < k; c++)
        {
            double s = Bias is null ? 0 : Bias[c];
            for (int j = 0; j < d; j++) s += w[c * d + j] * h[j];
            logits[c] = s;
        }
    }

    /// <summary>Row-major K×d copy of W (fast inner loops).</summary>
    public double[] WeightsRowMajor() => (double[])RowMajor.Clone();

    /// <summary>W row-major, shared (not a copy): do not modify.</summary>
    internal double[] RowMajor => _rows ??= _weights!.ToRowMajorArray();
}
