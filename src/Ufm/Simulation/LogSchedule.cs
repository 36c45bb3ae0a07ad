namespace Collapse.Ufm.Simulation;

/// <summary>Log-spaced logging steps: 0, then round(10^(j/p)) for j = 0, 1, … up to T, then T (deduplicated, sorted).</summary>
public static class LogSchedule
{
    /// <summary>The logged steps for a run of <paramref name="steps"/> steps with <paramref name="perDecade"/> points per decade.</summary>
    public static long[] Steps(long steps, int perDecade)
    {
        var set = new SortedSet<long> { 0, steps };
        for (var j = 0; ; j++)
        {
            var t = (long)Math.Round(Math.Pow(10.0, j / (double)perDecade));
            if (t > steps) break;
            set.Add(t);
        }
        return set.ToArray();
    }
}
