using Collapse.Theory.Etf;

namespace Collapse.Theory.Bounds;

/// <summary>Brute force of a permuted bound over label permutations π (enumeration by <see cref="Permutations.All"/>).</summary>
public static class PermutationSweep
{
    /// <summary>Largest K for which every permutation is enumerated (8! = 40 320).</summary>
    public const int MaxClasses = 8;

    /// <summary>Minimum and maximum of <paramref name="bound"/> over all K! permutations (K ≤ 8), with their arg-permutations.</summary>
    public static PermutationRange Over(int classes, Func<int[], double> bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        Require.AtLeast(classes, 1, "classes");
        if (classes > MaxClasses)
            throw new InputException($"classes: brute force over all permutations is limited to K <= {MaxClasses} (got {classes})");
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        int[] argMin = [], argMax = [];
        var count = 0;
        foreach (var p in Permutations.All(classes))
        {
            var v = bound(p);
            count++;
            if (v < min) { min = v; argMin = p; }
            if (v > max) { max = v; argMax = p; }
        }
        return new PermutationRange(min, max, argMin, argMax, count);
    }

    internal static int[] Resolve(ReadOnlySpan<int> permutation, int classes)
    {
        if (permutation.IsEmpty)
        {
            var id = new int[classes];
            for (var i = 0; i < classes; i++) id[i] = i;
            return id;
        }
        var p = permutation.ToArray();
        try { Permutations.Validate(p, classes); }
        catch (ArgumentException)
        {
            throw new InputException($"permutation: [{string.Join(",", p)}] is not a permutation of 0..{classes - 1}");
        }
        return p;
    }
}

/// <summary>Range of a permuted bound over all label permutations.</summary>
/// <param name="Min">Smallest value over π.</param>
/// <param name="Max">Largest value over π.</param>
/// <param name="ArgMin">A permutation attaining <paramref name="Min"/>.</param>
/// <param name="ArgMax">A permutation attaining <paramref name="Max"/>.</param>
/// <param name="Count">Number of permutations evaluated (K!).</param>
public sealed record PermutationRange(double Min, double Max, IReadOnlyList<int> ArgMin, IReadOnlyList<int> ArgMax, int Count)
{
    /// <summary>Max − Min: 0 iff the bound cannot tell the permutations apart.</summary>
    public double Spread => Max - Min;
}
