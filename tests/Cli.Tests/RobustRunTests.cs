using Xunit;

namespace Collapse.Cli.Tests;

/// <summary>Unknown or bad parameters are an error for every claim kind (exit 2, one line), before anything runs.</summary>
public class RobustRunTests
{
    private static void ExitTwoWithOneLine(CliRunner.Result r, string expected)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Contains(expected, r.Stderr);
        Assert.Empty(r.Stdout);
    }

    [Theory]
    [InlineData("etf-gram")]                  // Theory
    [InlineData("ufm-ce-svm-direction")]      // UFM
    [InlineData("deep-nc1-decreases-mnist")]  // deep
    public void CheckRejectsAnUnknownParameterOfEveryKind(string id) =>
        ExitTwoWithOneLine(CliRunner.Run("check", id, "--param", "typo=1"), $"--param typo: claim '{id}' has no parameter 'typo' (known: ");

    [Theory]
    [InlineData("ufm-ce-svm-direction", "steps=-1", "expects an integer ≥ 0")]
    [InlineData("ufm-minority-collapse", "ratios=10", "requires at least two ratios")]
    [InlineData("deep-nc1-decreases-mnist", "epochs=0", "expects an integer in [1, 100000]")]
    [InlineData("lipschitz-margin-transfer", "featureDim=9", "requires featureDim <= inDim")]
    public void CheckRejectsOutOfRangeValuesBeforeRunning(string id, string param, string expected) =>
        ExitTwoWithOneLine(CliRunner.Run("check", id, "--param", param), expected);

    [Fact]
    public void ReportRejectsAnUnknownUfmParameter()
    {
        var dir = Path.Combine(Path.GetTempPath(), "collapse-cli-robust", Guid.NewGuid().ToString("N"));
        ExitTwoWithOneLine(CliRunner.Run("report", "--claims", "ufm-ce-svm-direction", "--param", "ufm-ce-svm-direction:typo=1", "--out", dir),
            "claim 'ufm-ce-svm-direction' has no parameter 'typo'");
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void ReportRejectsABadValueBeforeAnyClaimRuns()
    {
        var dir = Path.Combine(Path.GetTempPath(), "collapse-cli-robust", Guid.NewGuid().ToString("N"));
        ExitTwoWithOneLine(CliRunner.Run("report", "--claims", "etf-gram,ufm-etf-emergence", "--param", "ufm-etf-emergence:steps=many", "--out", dir),
            "--param steps=many: claim 'ufm-etf-emergence' expects an integer ≥ 0");
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void ReportRejectsABadDeepValueUnderTheFullProfileWithoutTraining()
    {
        var dir = Path.Combine(Path.GetTempPath(), "collapse-cli-robust", Guid.NewGuid().ToString("N"));
        ExitTwoWithOneLine(CliRunner.Run("report", "--profile", "full", "--claims", "deep-tpt-test-gain", "--param", "deep-tpt-test-gain:seeds=0", "--out", dir),
            "--param seeds=0: claim 'deep-tpt-test-gain' expects an integer in [1, 1000]");
    }
}
