using Xunit;

namespace Collapse.Cli.Tests;

public class ReportCommandTests
{
    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "collapse-cli-report", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Theory]
    [InlineData("--profile", "medium", "--profile medium: unknown profile")]
    [InlineData("--claims", "no-such-claim", "--claims no-such-claim: no such claim")]
    [InlineData("--cases", "0", "--cases 0: must be at least 1")]
    [InlineData("--param", "no-such-claim:x=1", "--param no-such-claim:x=1")]
    public void BadFlagsExitTwoWithOneLine(string flag, string value, string message)
    {
        var r = CliRunner.Run("report", flag, value, "--out", Path.Combine(TempDir(), "r"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void MissingOutIsBadInput()
    {
        var r = CliRunner.Run("report");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--out", r.Stderr);
    }

    [Fact]
    public void OutThatIsAFileIsBadInput()
    {
        var file = Path.Combine(TempDir(), "f");
        File.WriteAllText(file, "");
        var r = CliRunner.Run("report", "--out", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is a file", r.Stderr);
    }
}
