using MathNet.Numerics.Distributions;
using Collapse.Theory.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Bounds;

/// <summary>
/// Synthetic K-class task for checking bounds against a known test error: labels uniform on {0..K−1}, features
/// h = μ_y + ξ with ξ ~ N(0, σ²I_d), optionally rescaled radially to ‖ξ‖ ≤ c (a clipped Gaussian, so that the support
/// has the finite radius max_k‖μ_k‖ + c that expected-complexity bounds need).
/// </summary>
public sealed class GaussianMixture
{
    private readonly double[] _means;

    /// <summary>Creates the mixture from K×d class means, noise scale σ and an optional noise clip radius c.</summary>
    public GaussianMixture(Matrix<double> means, double sigma, double? clipRadius = null)
    {
        ArgumentNullException.ThrowIfNull(means);
        Require.AtLeast(means.RowCount, 2, "classes");
        Require.NonNegative(sigma, "sigma");
        if (clipRadius is { } c) Require.Positive(c, "clipRadius");
        Classes = means.RowCount;
        Dim = means.ColumnCount;
        Sigma = sigma;
        ClipRadius = clipRadius;
        Means = means.Clone();
        _means = new double[Classes * Dim];
        for (var k = 0; k < Classes; k++)
            for (var j = 0; j < Dim; j++) _means[k * Dim + j] = means[k, j];
    }

    /// <summary>Means drawn as independent uniformly random directions scaled to norm <paramref name="meanNorm"/>.</summary>
    public static GaussianMixture RandomMeans(int classes, int dim, double meanNorm, double sigma, double? clipRadius, int seed)
    {
        Require.AtLeast(classes, 2, "classes");
        Require.AtLeast(dim, 1, "dim");
        Require.NonNegative(meanNorm, "meanNorm");
        var rng = new Random(seed);
        var m = Matrix<double>.Build.Dense(classes, dim);
        for (var k = 0; k < classes; k++)
        {
            var row = Vector<double>.Build.Dense(dim, _ => Normal.Sample(rng, 0, 1));
            m.SetRow(k, row * (meanNorm / row.L2Norm()));
        }
        return new GaussianMixture(m, sigma, clipRadius);
    }

    /// <summary>Number of classes K.</summary>
    public int Classes { get; }
    /// <summary>Feature dimension d.</summary>
    public int Dim { get; }
    /// <summary>Noise scale σ.</summary>
    public double Sigma { get; }
    /// <summary>Noise clip radius c, or null for an unclipped Gaussian.</summary>
    public double? ClipRadius { get; }
    /// <summary>Class means (K×d, a copy).</summary>
    public Matrix<double> Means { get; }

    /// <summary>Class priors (uniform, 1/K each).</summary>
    public double[] Priors()
    {
        var p = new double[Classes];
        Array.Fill(p, 1.0 / Classes);
        return p;
    }

    /// <summary>Radius of the support of class k: ‖μ_k‖ + c (+∞ without a clip).</summary>
    public double ClassSupportRadius(int k) => ClipRadius is { } c ? Means.Row(k).L2Norm() + c : double.PositiveInfinity;

    /// <summary>Radius of the whole support: max_k ‖μ_k‖ + c (+∞ without a clip).</summary>
    public double SupportRadius()
    {
        var r = 0.0;
        for (var k = 0; k < Classes; k++) r = Math.Max(r, ClassSupportRadius(k));
        return r;
    }

    /// <summary>Draws n i.i.d. samples: row-major n×d features and labels.</summary>
    public (double[] Features, int[] Labels) Sample(int n, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Require.AtLeast(n, 1, "n");
        var x = new double[n * Dim];
        var y = new int[n];
        for (var i = 0; i < n; i++)
        {
            var k = rng.Next(Classes);
            y[i] = k;
            var row = x.AsSpan(i * Dim, Dim);
            Gaussian.FillStandardNormal(rng, row);
            var s = 0.0;
            for (var j = 0; j < Dim; j++)
            {
                var e = Sigma * row[j];
                row[j] = e;
                s += e * e;
            }
            if (ClipRadius is { } c && s > c * c)
            {
                var f = c / Math.Sqrt(s);
                for (var j = 0; j < Dim; j++) row[j] *= f;
            }
            var mu = _means.AsSpan(k * Dim, Dim);
            for (var j = 0; j < Dim; j++) row[j] += mu[j];
        }
        return (x, y);
    }
}
