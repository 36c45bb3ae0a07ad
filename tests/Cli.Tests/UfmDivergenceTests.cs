using System.Text.Json;
using Xunit;

namespace Collapse.Cli.Tests;

/// <summary>The issue's diverging UFM runs: exit 4, a warning and one error line, the last finite state on disk.</summary>
public class UfmDivergenceTests
{
    [Xunit.Theory]
    [InlineData("100")]
    [InlineData("1e30")]
    [InlineData("1000")]
    public void ADivergingRunEndsWithOneErrorLineAndKeepsTheLastFiniteState(string lr)
    {
        using var fx = new NpyFixtures();
        var dir = fx.PathOf("u");
        var r = CliRunner.Run("ufm", "--classes", "4", "--dim", "8", "--per-class", "5", "--lr", lr, "--steps", "1000", "--out", dir);
        Assert.Equal(4, r.ExitCode);
        Assert.Equal("", r.Stdout);
        var lines = r.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"warning: --lr {Collapse.Theory.IO.NumberFormat.Display(double.Parse(lr, System.Globalization.CultureInfo.InvariantCulture))} is above the stable step size ", lines[0]);
        Assert.Matches(@"^error: run diverged at step (\d+) \(loss [^,]+, ‖W‖ [^,]+, ‖H‖ [^)]+\); last finite state kept in .+/u/ \(step \d+: trajectory\.csv, summary\.json, W\.npy, H\.npy\); η = .+ is above the stable limit .+: lower --lr$", lines[1]);
        var step = long.Parse(System.Text.RegularExpressions.Regex.Match(lines[1], @"step (\d+) ").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal<string>(["H.npy", "W.npy", "labels.npy", "summary.json", "trajectory.csv"], Directory.GetFiles(dir).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray());
        var rows = File.ReadAllLines(Path.Combine(dir, "trajectory.csv"));
        Assert.Equal((step - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), rows[^1].Split(',')[0]);
        Assert.DoesNotContain("nan", rows[^1].Split(',')[3]); // the loss column of the last finite row
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var root = summary.RootElement;
        Assert.False(root.GetProperty("completed").GetBoolean());
        Assert.Equal(step - 1, root.GetProperty("stepsDone").GetInt64());
        Assert.Equal(step, root.GetProperty("divergence").GetProperty("step").GetInt64());
        Assert.True(root.GetProperty("divergence").GetProperty("stableStepSize").GetDouble() > 0);
        Assert.Equal(0, root.GetProperty("claims").GetArrayLength());
    }

    [Fact]
    public void TheLastFiniteCheckpointIsKeptAndNamed()
    {
        using var fx = new NpyFixtures();
        var dir = fx.PathOf("u");
        var r = CliRunner.Run("ufm", "--classes", "4", "--dim", "8", "--per-class", "5", "--lr", "100", "--steps", "1000", "--checkpoint-every", "10", "--out", dir, "--json");
        Assert.Equal(4, r.ExitCode);
        Assert.Contains("checkpoint.bin (last checkpoint before the divergence)", r.Stderr);
        Assert.True(File.Exists(Path.Combine(dir, "checkpoint.bin")));
        using var json = JsonDocument.Parse(r.Stdout); // --json still prints the summary of the kept state
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("divergence").ValueKind);
        var resumed = CliRunner.Run("ufm", "--resume", dir);
        Assert.Equal(4, resumed.ExitCode);
        Assert.Single(resumed.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void ARunAtTheDefaultStepSizeHasNoDivergenceEntry()
    {
        using var fx = new NpyFixtures();
        var r = CliRunner.Run("ufm", "--classes", "4", "--dim", "8", "--per-class", "5", "--steps", "200", "--out", fx.PathOf("u"), "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("", r.Stderr);
        using var json = JsonDocument.Parse(r.Stdout);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("divergence").ValueKind);
    }
}
