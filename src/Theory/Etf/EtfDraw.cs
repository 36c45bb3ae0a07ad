using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Etf;

/// <summary>
/// A simplex ETF as <c>collapse etf</c> builds it: the standard one (<see cref="SimplexEtf.Standard"/>) or, with a seed,
/// a Haar-random rotation of it (<see cref="SimplexEtf.Random"/>); optionally its rows permuted by a random permutation
/// drawn from the seed (0 without one).
/// </summary>
/// <param name="Etf">The K×d ETF, rows = classes.</param>
/// <param name="Seed">The seed of the random ETF, or null for the standard one.</param>
/// <param name="Permutation">The row permutation applied, or null.</param>
public sealed record EtfDraw(Matrix<double> Etf, int? Seed, int[]? Permutation)
{
    /// <summary>Validates K and d (<see cref="SimplexEtf.Validate"/>) and builds the ETF.</summary>
    /// <exception cref="InputException"><see cref="SimplexEtf.Validate"/> refuses K and d (K &lt; 2, d &lt; max(1, K − 1), or too many entries).</exception>
    public static EtfDraw Create(int classes, int dim, int? seed, bool permute)
    {
        SimplexEtf.Validate(classes, dim);
        var m = seed is { } value ? SimplexEtf.Random(classes, dim, value) : SimplexEtf.Standard(classes, dim);
        int[]? permutation = null;
        if (permute)
        {
            permutation = Permutations.Random(classes, seed ?? 0);
            m = SimplexEtf.Permute(m, permutation);
        }
        return new EtfDraw(m, seed, permutation);
    }
}
