using System.Globalization;
using System.Text;

namespace Collapse.Sweeps.Slurm;

/// <summary>The <c>--array</c> value of a job array: grid indices compressed into ranges (<c>0-5,7,9-11%4</c>).</summary>
public static class SlurmArray
{
    /// <summary>Formats sorted, distinct <paramref name="indices"/>, with the concurrency <paramref name="limit"/> if given.</summary>
    /// <exception cref="ArgumentException">No indices, or not strictly increasing.</exception>
    public static string Format(IReadOnlyList<int> indices, int? limit)
    {
        if (indices.Count == 0) throw new ArgumentException("a job array needs at least one index", nameof(indices));
        var sb = new StringBuilder();
        var start = indices[0];
        var prev = start;
        for (var i = 1; i <= indices.Count; i++)
        {
            if (i < indices.Count)
            {
                if (indices[i] <= prev) throw new ArgumentException("indices must be strictly increasing", nameof(indices));
                if (indices[i] == prev + 1) { prev = indices[i]; continue; }
            }
            if (sb.Length > 0) sb.Append(',');
            sb.Append(start.ToString(CultureInfo.InvariantCulture));
            if (prev > start) sb.Append('-').Append(prev.ToString(CultureInfo.InvariantCulture));
            if (i < indices.Count) start = prev = indices[i];
        }
        if (limit is { } l) sb.Append('%').Append(l.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
