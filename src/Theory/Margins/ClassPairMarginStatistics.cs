namespace Collapse.Theory.Margins;

/// <summary>One class pair and its margin γ_kl = min_{y_i=k}(z_ik − z_il).</summary>
/// <param name="K">Class k (the samples' class).</param>
/// <param name="L">Class l (the competing class).</param>
/// <param name="Gamma">γ_kl.</param>
public readonly record struct ClassPairMargin(int K, int L, double Gamma) : IComparable<ClassPairMargin>
{
    /// <summary>Total order: smaller γ first, then k, then l (so "the worst n pairs" is well defined under ties).</summary>
    public int CompareTo(ClassPairMargin other)
    {
        var c = Gamma.CompareTo(other.Gamma);
        if (c != 0) return c;
        c = K.CompareTo(other.K);
        return c != 0 ? c : L.CompareTo(other.L);
    }
}

/// <summary>
/// Summary of the K(K−1) class-pair margins γ_kl (docs/conventions.md §Margins and loss) without the K×K matrix: how
/// many pairs, min (= p_min), max, mean, population standard deviation, how many are negative (some sample of class k
/// scores class l above its own), and the worst pairs (smallest γ). Mergeable exactly over disjoint sets of rows k.
/// </summary>
/// <param name="Pairs">Number of finite γ_kl (K(K−1) when every class has samples).</param>
/// <param name="Min">min γ_kl.</param>
/// <param name="Max">max γ_kl.</param>
/// <param name="Mean">mean γ_kl.</param>
/// <param name="Std">population std of γ_kl.</param>
/// <param name="Negative">Number of pairs with γ_kl &lt; 0.</param>
/// <param name="Worst">The smallest γ_kl, ascending (at most <see cref="WorstCount"/>).</param>
public sealed record ClassPairMarginStatistics(long Pairs, double Min, double Max, double Mean, double Std, long Negative, IReadOnlyList<ClassPairMargin> Worst)
{
    /// <summary>How many worst pairs are kept by default.</summary>
    public const int WorstCount = 20;
}

/// <summary>
/// Accumulates <see cref="ClassPairMarginStatistics"/> row by row (one γ row k at a time): count, min, max, the mean and
/// M2 of each row merged by Chan et al. (1979) in the order rows are added, the negative count, and a bounded set of the
/// worst pairs under <see cref="ClassPairMargin"/>'s total order (so the set does not depend on the order).
/// </summary>
public sealed class ClassPairMarginStatisticsBuilder
{
    private readonly int _keep;
    private readonly PriorityQueue<ClassPairMargin, ClassPairMargin> _worst; // max-heap via inverted comparer
    private long _n, _negative;
    private double _mean, _m2, _min = double.PositiveInfinity, _max = double.NegativeInfinity;

    /// <summary>Creates an empty builder keeping the <paramref name="keep"/> worst pairs.</summary>
    public ClassPairMarginStatisticsBuilder(int keep = ClassPairMarginStatistics.WorstCount)
    {
        _keep = keep;
        _worst = new PriorityQueue<ClassPairMargin, ClassPairMargin>(Comparer<ClassPairMargin>.Create((a, b) => b.CompareTo(a)));
    }

    /// <summary>Adds row k of γ (K entries; the diagonal and non-finite entries are skipped).</summary>
    public void AddRow(int k, ReadOnlySpan<double> gammaRow)
    {
        long n = 0;
        double sum = 0;
        for (var l = 0; l < gammaRow.Length; l++)
        {
            var g = gammaRow[l];
            if (l == k || !double.IsFinite(g)) continue;
            n++;
            sum += g;
            if (g < _min) _min = g;
            if (g > _max) _max = g;
            if (g < 0) _negative++;
            Offer(new ClassPairMargin(k, l, g));
        }
        if (n == 0) return;
        var mean = sum / n;
        double m2 = 0;
        for (var l = 0; l < gammaRow.Length; l++)
        {
            var g = gammaRow[l];
            if (l == k || !double.IsFinite(g)) continue;
            m2 += (g - mean) * (g - mean);
        }
        Merge(n, mean, m2);
    }

    /// <summary>Merges a builder over other rows (call in a fixed order for reproducible mean and std).</summary>
    public void Merge(ClassPairMarginStatisticsBuilder other)
    {
        if (other._n == 0) return;
        Merge(other._n, other._mean, other._m2);
        _negative += other._negative;
        if (other._min < _min) _min = other._min;
        if (other._max > _max) _max = other._max;
        foreach (var (p, _) in other._worst.UnorderedItems) Offer(p);
    }

    private void Merge(long n, double mean, double m2)
    {
        if (_n == 0)
        {
            _n = n;
            _mean = mean;
            _m2 = m2;
            return;
        }
        double total = _n + n;
        var delta = mean - _mean;
        _m2 += m2 + delta * delta * (_n * (double)n / total);
        _mean += delta * (n / total);
        _n += n;
    }

    private void Offer(ClassPairMargin p)
    {
        if (_keep <= 0) return;
        if (_worst.Count < _keep) _worst.Enqueue(p, p);
        else if (p.CompareTo(_worst.Peek()) < 0) _worst.EnqueueDequeue(p, p);
    }

    /// <summary>Internal state for shard files: (n, mean, M2, min, max, negative, worst pairs).</summary>
    public (long N, double Mean, double M2, double Min, double Max, long Negative, ClassPairMargin[] Worst) State =>
        (_n, _mean, _m2, _min, _max, _negative, _worst.UnorderedItems.Select(t => t.Element).OrderBy(p => p).ToArray());

    /// <summary>Restores a builder from <see cref="State"/>.</summary>
    public static ClassPairMarginStatisticsBuilder FromState(long n, double mean, double m2, double min, double max, long negative, IEnumerable<ClassPairMargin> worst, int keep = ClassPairMarginStatistics.WorstCount)
    {
        var b = new ClassPairMarginStatisticsBuilder(keep) { _n = n, _mean = mean, _m2 = m2, _min = min, _max = max, _negative = negative };
        foreach (var p in worst) b.Offer(p);
        return b;
    }

    /// <summary>The statistics so far (NaN mean/std and infinite min/max when no pair was added).</summary>
    public ClassPairMarginStatistics Build() => new(
        _n, _n == 0 ? double.NaN : _min, _n == 0 ? double.NaN : _max, _n == 0 ? double.NaN : _mean,
        _n == 0 ? double.NaN : Math.Sqrt(_m2 / _n), _negative,
        _worst.UnorderedItems.Select(t => t.Element).OrderBy(p => p).ToArray());
}
