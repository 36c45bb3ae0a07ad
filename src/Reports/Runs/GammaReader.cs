using System.Globalization;
using Collapse.Theory;

namespace Collapse.Reports.Runs;

/// <summary>
/// Reads the last epoch of <c>gamma.csv</c> (long format <c>epoch,k,l,gamma</c>, k ≠ l, written by
/// <c>collapse deep train</c> and <c>collapse analyze-run</c>) into a <see cref="GammaMatrix"/>, streaming the file
/// (only the last epoch's entries are kept). Malformed rows are an <see cref="InputException"/> naming file and line.
/// </summary>
public static class GammaReader
{
    /// <summary>File name of the class-pair margin table in a run folder.</summary>
    public const string FileName = "gamma.csv";

    /// <summary>Largest K accepted (a K×K matrix is built).</summary>
    public const int MaxClasses = 2000;

    /// <summary>Reads the matrix of the last epoch of <paramref name="path"/>, or null when the file has no rows.</summary>
    /// <param name="path">The file.</param>
    /// <param name="classes">K from the run's metadata, when known (the matrix is at least that large).</param>
    public static GammaMatrix? Read(string path, int? classes = null)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path, classes);
    }

    /// <summary>Reads from <paramref name="reader"/>; <paramref name="path"/> names the file in errors.</summary>
    public static GammaMatrix? Read(TextReader reader, string path, int? classes = null)
    {
        int[]? index = null;
        var lastEpoch = -1;
        var entries = new List<(int K, int L, double Gamma, int Line)>();
        foreach (var record in CsvRecords.Read(reader, path))
        {
            if (index is null)
            {
                var header = record.Cells.Select(c => c.Trim()).ToList();
                index = new[] { "epoch", "k", "l", "gamma" }.Select(n => header.IndexOf(n)).ToArray();
                if (index.Any(i => i < 0))
                    throw new InputException($"{path}: line {record.Line}: header must name the columns epoch, k, l, gamma (found {string.Join(",", header)})");
                if (header.Count != 4) throw new InputException($"{path}: line {record.Line}: {header.Count} columns, expected epoch,k,l,gamma");
                continue;
            }
            if (record.Cells.Count != 4) throw new InputException($"{path}: line {record.Line}: {record.Cells.Count} cells, expected 4 (epoch,k,l,gamma)");
            var epoch = Integer(record.Cells[index[0]], path, record.Line, "epoch");
            var k = Integer(record.Cells[index[1]], path, record.Line, "k");
            var l = Integer(record.Cells[index[2]], path, record.Line, "l");
            if (k == l) throw new InputException($"{path}: line {record.Line}: k = l = {k} (γ_kl is defined for k ≠ l only)");
            if (k >= MaxClasses || l >= MaxClasses) throw new InputException($"{path}: line {record.Line}: class index {Math.Max(k, l)} is out of range (K ≤ {MaxClasses})");
            var gamma = RunEpochsReader.ParseCell(record.Cells[index[3]], path, record.Line, "gamma");
            if (epoch < lastEpoch) continue;
            if (epoch > lastEpoch) { entries.Clear(); lastEpoch = epoch; }
            entries.Add((k, l, gamma, record.Line));
        }
        if (index is null) throw new InputException($"{path}: empty file (expected the header epoch,k,l,gamma)");
        if (entries.Count == 0) return null;

        var n = Math.Max(classes ?? 0, entries.Max(e => Math.Max(e.K, e.L)) + 1);
        if (classes is int declared && n > declared)
            throw new InputException($"{path}: class index {n - 1} is out of range for K = {declared}");
        var values = new double[n, n];
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++) values[a, b] = double.NaN;
        var seen = new bool[n, n];
        foreach (var (k, l, gamma, line) in entries)
        {
            if (seen[k, l]) throw new InputException($"{path}: line {line}: epoch {lastEpoch}, pair ({k}, {l}) appears twice");
            seen[k, l] = true;
            values[k, l] = gamma;
        }
        return new GammaMatrix(lastEpoch, values);
    }

    private static int Integer(string cell, string path, int line, string column)
    {
        var text = cell.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return v;
        throw new InputException($"{path}: line {line}, column {column}: '{RunEpochsReader.Shorten(text)}' is not a non-negative integer");
    }
}
