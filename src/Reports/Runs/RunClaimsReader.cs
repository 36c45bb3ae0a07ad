using Collapse.Theory;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Runs;

/// <summary>
/// Reads <c>claims.csv</c> of a run folder (header <c>claimId,verdict,measured,expected,tolerance,detail</c>, the
/// detail quoted) into <see cref="RunClaim"/>s; malformed rows are an <see cref="InputException"/> naming file and line.
/// </summary>
public static class RunClaimsReader
{
    /// <summary>File name of the claim verdicts in a run folder.</summary>
    public const string FileName = "claims.csv";

    private static readonly string[] Header = ["claimId", "verdict", "measured", "expected", "tolerance", "detail"];

    /// <summary>Reads the verdicts at <paramref name="path"/>, in file order.</summary>
    public static IReadOnlyList<RunClaim> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads from <paramref name="reader"/>; <paramref name="path"/> names the file in errors.</summary>
    public static IReadOnlyList<RunClaim> Read(TextReader reader, string path)
    {
        var claims = new List<RunClaim>();
        var headerSeen = false;
        foreach (var record in CsvRecords.Read(reader, path))
        {
            if (!headerSeen)
            {
                if (!record.Cells.Select(c => c.Trim()).SequenceEqual(Header))
                    throw new InputException($"{path}: line {record.Line}: header must be {string.Join(",", Header)}");
                headerSeen = true;
                continue;
            }
            var c = record.Cells;
            if (c.Count != Header.Length) throw new InputException($"{path}: line {record.Line}: {c.Count} cells, expected {Header.Length}");
            var id = c[0].Trim();
            if (id.Length == 0) throw new InputException($"{path}: line {record.Line}: empty claimId");
            var verdict = c[1].Trim() switch
            {
                "holds" => Verdict.Holds,
                "fails" => Verdict.Fails,
                "inconclusive" => Verdict.Inconclusive,
                var other => throw new InputException($"{path}: line {record.Line}: verdict '{RunEpochsReader.Shorten(other)}' is not holds, fails or inconclusive"),
            };
            claims.Add(new RunClaim(id, verdict,
                RunEpochsReader.ParseCell(c[2], path, record.Line, "measured"),
                RunEpochsReader.ParseCell(c[3], path, record.Line, "expected"),
                RunEpochsReader.ParseCell(c[4], path, record.Line, "tolerance"),
                c[5]));
        }
        if (!headerSeen) throw new InputException($"{path}: empty file (expected the header {string.Join(",", Header)})");
        return claims;
    }
}
