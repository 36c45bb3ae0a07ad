using System.Text;
using Collapse.Theory;

namespace Collapse.Reports.Runs;

/// <summary>One record of a CSV file: its 1-based line number and its cells.</summary>
/// <param name="Line">Line number in the file (1 = the header).</param>
/// <param name="Cells">Cell texts, unquoted.</param>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Cells);

/// <summary>
/// Streams the records of the comma-separated tables of a run folder (RFC 4180 subset: one record per line, fields
/// optionally in double quotes with <c>""</c> for a quote, LF or CRLF line ends; blank lines are skipped). A
/// malformed line is an <see cref="InputException"/> naming the file and line.
/// </summary>
public static class CsvRecords
{
    /// <summary>Reads the records of <paramref name="reader"/>; <paramref name="path"/> names the file in errors.</summary>
    public static IEnumerable<CsvRecord> Read(TextReader reader, string path)
    {
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            yield return new CsvRecord(line, Split(text, path, line));
        }
    }

    /// <summary>Splits one line into cells.</summary>
    public static IReadOnlyList<string> Split(string text, string path, int line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (true)
        {
            cell.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new InputException($"{path}: line {line}: unterminated quoted field");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    cell.Append(text[i++]);
                }
                if (i < text.Length && text[i] != ',')
                    throw new InputException($"{path}: line {line}: text after a closing quote in field {cells.Count + 1}");
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    if (text[i] == '"') throw new InputException($"{path}: line {line}: stray quote in field {cells.Count + 1}");
                    cell.Append(text[i++]);
                }
            }
            cells.Add(cell.ToString());
            if (i >= text.Length) return cells;
            i++; // the comma
        }
    }
}
