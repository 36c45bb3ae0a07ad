using System.Text.Json;
using Xunit;

namespace Collapse.Cli.Tests;

/// <summary><c>collapse check ID --falsify</c>, <c>collapse report --falsify</c> and the falsifiers in <c>claims list --json</c>.</summary>
public class FalsifyCommandTests
{
    [Fact]
    public void CheckFalsifyPrintsCaughtWithWhatWasBrokenAndExitsZero()
    {
        var r = CliRunner.Run("check", "rademacher-linear-bound", "--falsify", "--cases", "20");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("caught: the bound B·R/√m halved [bound-halved]", r.Stdout);
        Assert.Contains("caught: the rate 1/m instead of 1/√m [rate-one-over-m]", r.Stdout);
        Assert.Contains("replay: collapse check rademacher-linear-bound --cases 20 --seed 1 --param boundFactor=0.5", r.Stdout);
        Assert.Contains("2/2 falsifiers caught", r.Stdout);
    }

    [Fact]
    public void CheckFalsifyJsonCarriesEveryOutcome()
    {
        var r = CliRunner.Run("check", "etf-gram", "--falsify", "--cases", "5", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var o = doc.RootElement;
        Assert.True(o.GetProperty("allCaught").GetBoolean());
        var f = o.GetProperty("falsifiers")[0];
        Assert.Equal("cosine-minus-one-over-k", f.GetProperty("name").GetString());
        Assert.Equal("fails", f.GetProperty("verdict").GetString());
        Assert.True(f.GetProperty("caught").GetBoolean());
        Assert.Equal("0", f.GetProperty("overrides").GetProperty("cosineOffset").GetString());
    }

    [Fact]
    public void FalsifyTextOfAClaimWithoutFalsifierSaysSo()
    {
        // Every registered claim declares a falsifier (ClaimFalsifierTests), so the text of a run without one is
        // checked on the renderer directly.
        var o = new StringWriter();
        Collapse.Cli.Infrastructure.ClaimRendering.FalsifyText(o, Collapse.Cli.Infrastructure.Claims.Registry.Get("etf-gram"),
            new Collapse.Theory.Claims.ClaimContext(new Dictionary<string, string>(), 1, 1), []);
        Assert.StartsWith("NO FALSIFIER  etf-gram", o.ToString(), StringComparison.Ordinal);
        Assert.Contains("no falsifier declared yet: the claim cannot be seen to fail", o.ToString());
        Assert.Contains("0/0 falsifiers caught", o.ToString());
    }

    [Fact]
    public void ANeutralisedFalsifierIsNotCaughtAndExitsOne()
    {
        // With boundFactor = 1e6 from the run, the rate falsifier's bound (1e6·B·R/m) is still far above the
        // Rademacher complexity, so its check holds: NOT CAUGHT (the halving falsifier overrides boundFactor itself).
        var r = CliRunner.Run("check", "rademacher-linear-bound", "--falsify", "--cases", "5", "--param", "boundFactor=1000000");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("NOT CAUGHT: ", r.Stdout);
    }

    [Fact]
    public void ReportFalsifyWritesCaughtFalsifiersAndExitsZero()
    {
        var dir = Path.Combine(Path.GetTempPath(), "collapse-cli-falsify", Guid.NewGuid().ToString("N"));
        var r = CliRunner.Run("report", "--falsify", "--claims", "etf-gram,ce-margin-sandwich,covering-uncovered-mass", "--out", dir);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("report --falsify: 3 falsifiers of 3 claims: 3 caught, 0 not caught;", r.Stdout);
        var md = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Contains("**falsifier caught:** the lower side log(1+(K−1)e^{−q}) instead of log(1+e^{−q})", md);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        Assert.True(doc.RootElement.GetProperty("allCaught").GetBoolean());
        Assert.Equal(0, doc.RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public void ReportFalsifyWithABadFalsifierBaseParameterIsExitTwo()
    {
        var r = CliRunner.Run("report", "--falsify", "--claims", "etf-gram", "--param", "etf-gram:maxClasses=1", "--out", Path.Combine(Path.GetTempPath(), "collapse-cli-falsify-bad"));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: --param maxClasses=1: claim 'etf-gram' expects an integer in [2, 1000]", r.Stderr);
    }

    [Fact]
    public void ClaimsListJsonDeclaresParametersWithRangesAndFalsifiers()
    {
        var r = CliRunner.Run("claims", "list", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var h = doc.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "hoeffding-class-mean");
        var power = h.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "dimPower");
        Assert.Equal("2", power.GetProperty("default").GetString());
        Assert.Equal("real", power.GetProperty("type").GetString());
        Assert.Contains("falsifier", power.GetProperty("description").GetString());
        var f = h.GetProperty("falsifiers")[0];
        Assert.Equal("d-squared-dropped", f.GetProperty("name").GetString());
        Assert.Equal("0", f.GetProperty("overrides").GetProperty("dimPower").GetString());
        Assert.Contains("gao2023", h.GetProperty("references").EnumerateArray().Select(x => x.GetString()));
    }
}
