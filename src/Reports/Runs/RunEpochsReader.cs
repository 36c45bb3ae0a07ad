using System.Globalization;
using Collapse.Theory;
using Collapse.Theory.IO;

namespace Collapse.Reports.Runs;

/// <summary>
/// Reads <c>epochs.csv</c> into <see cref="RunEpochs"/>. The file needs a header with an <c>epoch</c> column and at
/// least one row; every row has as many cells as the header; epochs are non-negative integers, each at most once
/// (rows are sorted by epoch); other cells are numbers in invariant culture (<c>NaN</c>, <c>Infinity</c> accepted) or
/// empty. Any violation is an <see cref="InputException"/> naming file, line and column.
/// </summary>
public static class RunEpochsReader
{
    /// <summary>File name of the per-epoch table in a run folder.</summary>
    public const string FileName = "epochs.csv";

    /// <summary>Reads the table at <paramref name="path"/>.</summary>
    public static RunEpochs Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads the table from <paramref name="reader"/>; <paramref name="path"/> names the file in errors.</summary>
    public static RunEpochs Read(TextReader reader, string path)
    {
        IReadOnlyList<string>? header = null;
        var epochColumn = -1;
        var rows = new List<(int Epoch, double[] Values, int Line)>();
        foreach (var record in CsvRecords.Read(reader, path))
        {
            if (header is null)
            {
                header = record.Cells.Select(c => c.Trim()).ToList();
                epochColumn = IndexOf(header, "epoch");
                if (epochColumn < 0) throw new InputException($"{path}: line {record.Line}: no 'epoch' column in the header (is this an epochs.csv?)");
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var name in header)
                {
                    if (name.Length == 0) throw new InputException($"{path}: line {record.Line}: empty column name in the header");
                    if (!seen.Add(name)) throw new InputException($"{path}: line {record.Line}: column '{name}' appears twice in the header");
                }
                continue;
            }
            if (record.Cells.Count != header.Count)
                throw new InputException($"{path}: line {record.Line}: {record.Cells.Count} cells, the header has {header.Count}");
            var epochText = record.Cells[epochColumn].Trim();
            if (!int.TryParse(epochText, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
                throw new InputException($"{path}: line {record.Line}: epoch '{epochText}' is not a non-negative integer");
            var values = new double[header.Count];
            for (var c = 0; c < header.Count; c++)
            {
                if (c == epochColumn) continue;
                values[c] = ParseCell(record.Cells[c], path, record.Line, header[c]);
            }
            rows.Add((epoch, values, record.Line));
        }
        if (header is null) throw new InputException($"{path}: empty file (expected a header with an 'epoch' column and one row per epoch)");
        if (rows.Count == 0) throw new InputException($"{path}: no epoch rows after the header");

        rows.Sort((a, b) => a.Epoch.CompareTo(b.Epoch));
        for (var i = 1; i < rows.Count; i++)
            if (rows[i].Epoch == rows[i - 1].Epoch)
                throw new InputException($"{path}: line {Math.Max(rows[i].Line, rows[i - 1].Line)}: epoch {rows[i].Epoch} appears twice");

        var columns = new List<KeyValuePair<string, double[]>>(header.Count - 1);
        for (var c = 0; c < header.Count; c++)
        {
            if (c == epochColumn) continue;
            var values = new double[rows.Count];
            for (var r = 0; r < rows.Count; r++) values[r] = rows[r].Values[c];
            columns.Add(new KeyValuePair<string, double[]>(header[c], values));
        }
        return new RunEpochs(rows.Select(r => r.Epoch).ToList(), columns);
    }

    /// <summary>A numeric cell in the data form (<see cref="NumberFormat.TryParseData"/>): empty or nan → NaN, inf, -inf, or an invariant-culture number.</summary>
    internal static double ParseCell(string cell, string path, int line, string column)
    {
        var text = cell.Trim();
        if (NumberFormat.TryParseData(text, out var v)) return v;
        throw new InputException($"{path}: line {line}, column {column}: '{Shorten(text)}' is not a number");
    }

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
            if (header[i] == name) return i;
        return -1;
    }

    internal static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
