using Xunit;

namespace Collapse.Theory.Tests.Golden;

public class GoldenInputWriterTests
{
    /// <summary>Writes the golden inputs to $COLLAPSE_GOLDEN_INPUTS (one folder per case) when that variable is set; otherwise only checks that every case generates.</summary>
    [Fact]
    public void GoldenInputsGenerate()
    {
        var target = Environment.GetEnvironmentVariable("COLLAPSE_GOLDEN_INPUTS");
        using var tmp = new Collapse.Theory.Tests.IO.TempDir();
        foreach (var c in GoldenCases.All)
        {
            var (f, l, _, _) = GoldenCases.Write(c, Path.Combine(target ?? tmp.Path, c.Name));
            Assert.True(File.Exists(f) && File.Exists(l), c.Name);
        }
    }
}
