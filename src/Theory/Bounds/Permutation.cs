namespace Collapse.Theory.Bounds;

/// <summary>Label permutations π of {0..K−1} used by the permuted ("non-conservative generalization") bounds.</summary>
public static class Permutation
{
    /// <summary>Largest K for which <see cref="All"/> may be enumerated (8! = 40 320 permutations).</summary>
    public const int MaxEnumerable = 8;

    /// <summary>The identity permutation of length <paramref name="classes"/>.</summary>
    public static int[] Identity(int classes)
    {
        Require.AtLeast(classes, 1, "classes");
        var p = new int[classes];
        for (var i = 0; i < classes; i++) p[i] = i;
        return p;
    }

    /// <summary>Throws <see cref="InputException"/> unless <paramref name="permutation"/> is a permutation of {0..K−1}.</summary>
    public static void Validate(ReadOnlySpan<int> permutation, int classes)
    {
        if (permutation.Length != classes)
            throw new InputException($"permutation: length {permutation.Length} differs from the number of classes {classes}");
        Span<bool> seen = classes <= 1024 ? stackalloc bool[classes] : new bool[classes];
        foreach (var p in permutation)
        {
            if (p < 0 || p >= classes || seen[p])
                throw new InputException($"permutation: [{string.Join(",", permutation.ToArray())}] is not a permutation of 0..{classes - 1}");
            seen[p] = true;
        }
    }

    /// <summary>
    /// Every permutation of {0..K−1} (Heap's algorithm; the array yielded is reused, copy it to keep it).
    /// K ≤ <see cref="MaxEnumerable"/>.
    /// </summary>
    public static IEnumerable<int[]> All(int classes)
    {
        Require.AtLeast(classes, 1, "classes");
        if (classes > MaxEnumerable)
            throw new InputException($"classes: brute force over all permutations is limited to K <= {MaxEnumerable} (got {classes})");
        return Heap(classes);
    }

    private static IEnumerable<int[]> Heap(int n)
    {
        var a = Identity(n);
        var c = new int[n];
        yield return a;
        var i = 1;
        while (i < n)
        {
            if (c[i] < i)
            {
                var j = i % 2 == 0 ? 0 : c[i];
                (a[j], a[i]) = (a[i], a[j]);
                yield return a;
                c[i]++;
                i = 1;
            }
            else
            {
                c[i] = 0;
                i++;
            }
        }
    }

    /// <summary>Minimum and maximum of <paramref name="bound"/> over all permutations of K ≤ 8 labels, with their arg-permutations.</summary>
    public static PermutationSweep Sweep(int classes, Func<int[], double> bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        int[] argMin = Identity(classes), argMax = Identity(classes);
        var count = 0;
        foreach (var p in All(classes))
        {
            var v = bound(p);
            count++;
            if (v < min) { min = v; argMin = (int[])p.Clone(); }
            if (v > max) { max = v; argMax = (int[])p.Clone(); }
        }
        return new PermutationSweep(min, max, argMin, argMax, count);
    }
}

/// <summary>Range of a permuted bound over all label permutations.</summary>
/// <param name="Min">Smallest value over π.</param>
/// <param name="Max">Largest value over π.</param>
/// <param name="ArgMin">A permutation attaining <paramref name="Min"/>.</param>
/// <param name="ArgMax">A permutation attaining <paramref name="Max"/>.</param>
/// <param name="Count">Number of permutations evaluated (K!).</param>
public sealed record PermutationSweep(double Min, double Max, IReadOnlyList<int> ArgMin, IReadOnlyList<int> ArgMax, int Count)
{
    /// <summary>Max − Min: 0 iff the bound cannot tell the permutations apart.</summary>
    public double Spread => Max - Min;
}
