namespace Collapse.Theory.Etf;

/// <summary>Label permutations π of {0..K−1}.</summary>
public static class Permutations
{
    /// <summary>Throws unless <paramref name="permutation"/> is a permutation of 0..n−1.</summary>
    public static void Validate(IReadOnlyList<int> permutation, int n)
    {
        if (permutation.Count != n) throw new ArgumentException($"permutation has {permutation.Count} entries, expected {n}");
        var seen = new bool[n];
        foreach (var p in permutation)
        {
            if (p < 0 || p >= n || seen[p]) throw new ArgumentException("not a permutation of 0..n−1");
            seen[p] = true;
        }
    }

    /// <summary>Uniformly random permutation (Fisher–Yates), deterministic in <paramref name="seed"/>.</summary>
    public static int[] Random(int n, int seed)
    {
        var rng = new System.Random(seed);
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }

    /// <summary>All permutations of 0..n−1 in lexicographic order (for brute force, n ≤ 8).</summary>
    public static IEnumerable<int[]> All(int n)
    {
        if (n > 8) throw new ArgumentOutOfRangeException(nameof(n), "brute force is limited to n ≤ 8");
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        while (true)
        {
            yield return (int[])p.Clone();
            int k = n - 2;
            while (k >= 0 && p[k] > p[k + 1]) k--;
            if (k < 0) yield break;
            int l = n - 1;
            while (p[l] < p[k]) l--;
            (p[k], p[l]) = (p[l], p[k]);
            Array.Reverse(p, k + 1, n - k - 1);
        }
    }
}
