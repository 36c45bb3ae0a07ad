namespace Collapse.Theory.Statistics;

/// <summary>
/// The centred class means M̃ (row k = μ_k − μ_G, K×d) as a view over the means and the global mean: rows are formed
/// on demand (the same values as <see cref="ClassStatistics.CentredMeanRows"/>, bit for bit), so large-K callers never
/// hold a second K×d copy.
/// </summary>
/// <param name="Means">μ_k row-major (K×d).</param>
/// <param name="GlobalMean">μ_G (d).</param>
/// <param name="Classes">K.</param>
/// <param name="Dim">d.</param>
public sealed record CentredMeans(double[] Means, double[] GlobalMean, int Classes, int Dim)
{
    /// <summary>The canonical (class-balanced) centring of <paramref name="stats"/>.</summary>
    public static CentredMeans Of(ClassStatistics stats, GlobalMeanKind kind = GlobalMeanKind.ClassBalanced) =>
        new(stats.MeanRows, stats.GlobalMeanArray(kind), stats.Classes, stats.Dim);

    /// <summary>Writes rows [<paramref name="first"/>, first + <paramref name="count"/>) of M̃ into <paramref name="destination"/> (row-major).</summary>
    public void CopyRows(int first, int count, Span<double> destination)
    {
        for (var r = 0; r < count; r++)
        {
            var mu = Means.AsSpan((first + r) * Dim, Dim);
            var dst = destination.Slice(r * Dim, Dim);
            for (var j = 0; j < Dim; j++) dst[j] = mu[j] - GlobalMean[j];
        }
    }

    /// <summary>All of M̃ row-major (a K×d copy).</summary>
    public double[] ToArray()
    {
        var a = new double[(long)Classes * Dim];
        CopyRows(0, Classes, a);
        return a;
    }
}
