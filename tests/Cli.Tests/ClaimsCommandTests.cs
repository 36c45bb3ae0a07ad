using System.Text.Json;
using Xunit;

namespace Collapse.Cli.Tests;

public class ClaimsCommandTests
{
    [Fact]
    public void ListJsonHasAtLeastThirtyClaimsWithIdSourceKind()
    {
        var r = CliRunner.Run("claims", "list", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var claims = doc.RootElement.EnumerateArray().ToList();
        Assert.True(claims.Count >= 30, $"{claims.Count} claims");
        var kinds = new HashSet<string> { "identity", "inequality", "asymptotic", "empirical", "definition" };
        foreach (var c in claims)
        {
            Assert.False(string.IsNullOrEmpty(c.GetProperty("id").GetString()));
            Assert.False(string.IsNullOrEmpty(c.GetProperty("source").GetString()));
            Assert.Contains(c.GetProperty("kind").GetString()!, kinds);
        }
        Assert.Equal(claims.Count, claims.Select(c => c.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public void ListTextEndsWithTheCount()
    {
        var r = CliRunner.Run("claims", "list");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("etf-gram", r.Stdout);
        Assert.Matches(@"\d+ claims\s*$", r.Stdout);
    }

    [Theory]
    [InlineData("deep-nc1-decreases-mnist")]
    [InlineData("deep-margin-growth-mnist")]
    [InlineData("deep-tpt-test-gain")]
    [InlineData("deep-permutation-etf-vs-hetero")]
    public void TheRegistryHasTheDeepValidationClaimsAsEmpirical(string id)
    {
        var r = CliRunner.Run("claims", "list", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var claim = doc.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
        Assert.Equal("empirical", claim.GetProperty("kind").GetString());
    }

    [Fact]
    public void ShowPrintsSourceStatementAndParameters()
    {
        var r = CliRunner.Run("claims", "show", "hoeffding-class-mean");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("source:", r.Stdout);
        Assert.Contains("dimPower=2", r.Stdout);
    }

    [Fact]
    public void ShowUnknownClaimIsExitTwoWithOneLine()
    {
        var r = CliRunner.Run("claims", "show", "no-such-claim");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: claim 'no-such-claim': no such claim (run 'collapse claims list')", r.Stderr.Trim());
        Assert.Empty(r.Stdout);
    }
}
