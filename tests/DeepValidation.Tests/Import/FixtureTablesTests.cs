using System.Globalization;
using Collapse.DeepValidation.Import;
using Xunit;

namespace Collapse.DeepValidation.Tests.Import;

/// <summary>
/// The committed PyTorch fixture carries the tables <c>collapse analyze-run</c> writes for it (epochs.csv, gamma.csv,
/// claims.csv): the run report's tests render them. They must be what a fresh analysis writes now, cell by cell
/// (numbers to 1e-9 relative: SIMD widths may change the last bits between machines).
/// </summary>
public class FixtureTablesTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pytorch-run");

    [Theory]
    [InlineData("epochs.csv")]
    [InlineData("gamma.csv")]
    [InlineData("claims.csv")]
    public void CommittedTableMatchesAFreshAnalysis(string table)
    {
        using var tmp = new TempFolder();
        RunAnalyzer.Write(tmp.Path, RunAnalyzer.Analyze(Fixture));
        var fresh = File.ReadAllLines(tmp.File(table));
        var committed = File.ReadAllLines(Path.Combine(Fixture, table));
        Assert.True(fresh.Length == committed.Length,
            $"{table}: {committed.Length} committed lines, {fresh.Length} fresh; regenerate with `collapse analyze-run tests/DeepValidation.Tests/Fixtures/pytorch-run`");
        Assert.Equal(fresh[0], committed[0]);
        for (var i = 1; i < fresh.Length; i++)
        {
            // claims.csv quotes its detail (which holds commas): compare the detail as text, the rest cell by cell.
            var (a, b) = table == "claims.csv"
                ? (SplitClaims(fresh[i]), SplitClaims(committed[i]))
                : (fresh[i].Split(','), committed[i].Split(','));
            Assert.Equal(a.Length, b.Length);
            for (var c = 0; c < a.Length; c++)
            {
                if (double.TryParse(a[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                    && double.TryParse(b[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
                    Assert.True(x.Equals(y) || Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)), $"{table} line {i + 1}, cell {c + 1}: fresh {x}, committed {y}");
                else
                    Assert.Equal(a[c], b[c]);
            }
        }
    }

    private static string[] SplitClaims(string line)
    {
        var quote = line.IndexOf('"', StringComparison.Ordinal);
        return [.. line[..(quote - 1)].Split(','), line[quote..]];
    }
}
