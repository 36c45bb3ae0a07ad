using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Etf;

/// <summary>
/// Haar-distributed orthogonal matrices: QR of a standard Gaussian matrix with the sign fix Q ↦ Q·diag(sign(diag R))
/// (Mezzadri 2007, "How to generate random matrices from the classical compact groups", Notices AMS 54(5)).
/// </summary>
public static class RandomOrthogonal
{
    /// <summary>A Haar-random element of O(d).</summary>
    public static Matrix<double> Haar(int dim, System.Random rng) => Stiefel(dim, dim, rng);

    /// <summary>A Haar-random d×k matrix with orthonormal columns (k ≤ d).</summary>
    public static Matrix<double> Stiefel(int dim, int columns, System.Random rng)
    {
        if (columns > dim) throw new ArgumentException("columns must be ≤ dim", nameof(columns));
        var g = Gaussian(dim, columns, rng);
        var qr = g.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var q = qr.Q;
        var r = qr.R;
        for (int j = 0; j < columns; j++)
            if (r[j, j] < 0) q.SetColumn(j, -q.Column(j));
        return q;
    }

    /// <summary>A d×k matrix of independent standard normals (<see cref="Numerics.Gaussian.StandardNormal"/> on <paramref name="rng"/>; deterministic).</summary>
    public static Matrix<double> Gaussian(int rows, int columns, System.Random rng)
    {
        var m = Matrix<double>.Build.Dense(rows, columns);
        for (int c = 0; c < columns; c++)
            for (int r = 0; r < rows; r++)
                m[r, c] = Numerics.Gaussian.StandardNormal(rng);
        return m;
    }
}
