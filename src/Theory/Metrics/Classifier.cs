using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Metrics;

/// <summary>A linear classifier z = W h + b with W ∈ R^{K×d} (row w_k per class) and optional bias b ∈ R^K.</summary>
/// <param name="Weights">W, K×d.</param>
/// <param name="Bias">b (length K) or null for a bias-free classifier.</param>
public sealed record Classifier(Matrix<double> Weights, Vector<double>? Bias = null)
{
    /// <summary>K.</summary>
    public int Classes => Weights.RowCount;

    /// <summary>d.</summary>
    public int Dim => Weights.ColumnCount;

    /// <summary>Writes the K logits of <paramref name="h"/> into <paramref name="logits"/>.</summary>
    public void Logits(ReadOnlySpan<double> h, Span<double> logits)
    {
        int k = Classes, d = Dim;
        for (int c = 0; c < k; c++)
        {
            double s = Bias is null ? 0 : Bias[c];
            for (int j = 0; j < d; j++) s += Weights.At(c, j) * h[j];
            logits[c] = s;
        }
    }

    /// <summary>Row-major K×d copy of W (fast inner loops).</summary>
    public double[] WeightsRowMajor() => Weights.ToRowMajorArray();
}
