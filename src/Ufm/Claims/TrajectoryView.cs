using Collapse.Ufm.Trajectories;

namespace Collapse.Ufm.Claims;

/// <summary>Helpers to slice a logged trajectory.</summary>
internal static class TrajectoryView
{
    /// <summary>Index of the first row with every sample correctly classified (p_min &gt; 0), or −1.</summary>
    public static int FirstSeparable(IReadOnlyList<TrajectoryRow> rows)
    {
        for (var i = 0; i < rows.Count; i++) if (rows[i].MinMargin > 0) return i;
        return -1;
    }

    /// <summary>Index of the row whose step is closest to <paramref name="step"/> in log scale.</summary>
    public static int Nearest(IReadOnlyList<TrajectoryRow> rows, double step)
    {
        var best = 0;
        var bestGap = double.PositiveInfinity;
        for (var i = 0; i < rows.Count; i++)
        {
            var gap = Math.Abs(Math.Log(Math.Max(rows[i].Step, 1)) - Math.Log(Math.Max(step, 1)));
            if (gap < bestGap) { bestGap = gap; best = i; }
        }
        return best;
    }

    /// <summary>Number of consecutive pairs (from <paramref name="from"/>) where the value does not strictly decrease.</summary>
    public static int NonDecreases(IReadOnlyList<TrajectoryRow> rows, int from, Func<TrajectoryRow, double> value)
    {
        var count = 0;
        for (var i = Math.Max(from, 0) + 1; i < rows.Count; i++)
            if (!(value(rows[i]) < value(rows[i - 1]))) count++;
        return count;
    }

    /// <summary>Index i of the first pair (i − 1, i) from <paramref name="from"/> where the value does not strictly decrease, or −1.</summary>
    public static int FirstNonDecrease(IReadOnlyList<TrajectoryRow> rows, int from, Func<TrajectoryRow, double> value)
    {
        for (var i = Math.Max(from, 0) + 1; i < rows.Count; i++)
            if (!(value(rows[i]) < value(rows[i - 1]))) return i;
        return -1;
    }
}
