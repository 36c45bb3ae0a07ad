using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Metrics;

/// <summary>NC3 (self-duality): || Wᵀ/||W||_F − M̃ᵀ/||M̃||_F ||_F² (squared Frobenius, key <c>nc3</c>).</summary>
/// <remarks>Papyan, Han, Donoho (2020), PNAS, Fig. 5. Equals 2 − 2·cos_F(W, M̃) with the Frobenius cosine.</remarks>
public static class Nc3
{
    /// <summary>Computes NC3 for classifier W (K×d) and centred means M̃ (K×d).</summary>
    public static double Compute(Matrix<double> weights, Matrix<double> centredMeans)
    {
        var diff = weights / weights.FrobeniusNorm() - centredMeans / centredMeans.FrobeniusNorm();
        double f = diff.FrobeniusNorm();
        return f * f;
    }
}
