using Collapse.Reports.Output;
using Collapse.Reports.Tests.Fixtures;
using Collapse.Theory;
using Xunit;

namespace Collapse.Reports.Tests;

public class ReportWriterTests
{
    [Fact]
    public void WritesHtmlMarkdownJsonAndPlotsWithoutTemporaryFiles()
    {
        var dir = Path.Combine(TestReports.TempDir(), "r");
        var files = ReportWriter.Write(TestReports.Passing(), dir);
        Assert.True(File.Exists(files.Html));
        Assert.True(File.Exists(files.Markdown));
        Assert.True(File.Exists(files.Json));
        Assert.Equal(5, files.Images.Count);
        Assert.All(files.Images, p => Assert.True(File.Exists(p)));
        Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void RewritingAFolderReplacesOldPlots()
    {
        var dir = TestReports.TempDir();
        ReportWriter.Write(TestReports.Passing(), dir);
        var stale = Path.Combine(dir, "plots", "gone-1.png");
        File.WriteAllBytes(stale, [1, 2, 3]);
        var files = ReportWriter.Write(TestReports.Failing(), dir);
        Assert.False(File.Exists(stale));
        Assert.Contains("FAILS", File.ReadAllText(files.Markdown));
    }

    [Fact]
    public void OutPathThatIsAFileIsBadInput()
    {
        var file = Path.Combine(TestReports.TempDir(), "x");
        File.WriteAllText(file, "");
        var ex = Assert.Throws<InputException>(() => ReportWriter.Write(TestReports.Passing(), file));
        Assert.Contains("--out", ex.Message);
    }
}
