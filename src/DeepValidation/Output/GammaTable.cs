using System.Globalization;
using System.Text;
using Collapse.DeepValidation.Training;
using Collapse.Theory.IO;

namespace Collapse.DeepValidation.Output;

/// <summary>
/// <c>gamma.csv</c>: the full train class-pair margin matrix γ_kl of every measured epoch, long format
/// (<c>epoch,k,l,gamma</c>, k ≠ l), for plots of how individual class pairs separate.
/// </summary>
public static class GammaTable
{
    /// <summary>Writes the table atomically.</summary>
    public static void Write(string path, IReadOnlyList<EpochRecord> records)
    {
        var sb = new StringBuilder("epoch,k,l,gamma\n");
        foreach (var r in records)
        {
            if (r.Train?.Margins is not { } m) continue;
            var g = m.ClassPair;
            for (var a = 0; a < g.GetLength(0); a++)
                for (var b = 0; b < g.GetLength(1); b++)
                    if (a != b)
                        sb.Append(r.Epoch).Append(',').Append(a).Append(',').Append(b).Append(',')
                          .Append(NumberFormat.Data(g[a, b])).Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString(), createFolder: true);
    }
}
