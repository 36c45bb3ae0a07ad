using Xunit;

namespace Collapse.Cli.Tests;

public class BadFlagTests
{
    [Fact]
    public void UnknownCommandExitsTwoWithOneLine()
    {
        var r = CliRunner.Run("no-such-command");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no-such-command", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void VersionPrintsVersion()
    {
        var r = CliRunner.Run("version");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("collapse ", r.Stdout);
    }
}
