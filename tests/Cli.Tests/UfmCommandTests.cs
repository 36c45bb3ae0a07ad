using System.Text.Json;
using Xunit;

namespace Collapse.Cli.Tests;

public class UfmCommandTests
{
    private static string[] Joint(string dir, params string[] extra) =>
        ["ufm", "--classes", "3", "--dim", "4", "--per-class", "4", "--steps", "1000", "--out", dir, .. extra];

    [Fact]
    public void RunWritesTrajectorySummaryAndArrays()
    {
        using var fx = new NpyFixtures();
        var dir = fx.PathOf("run");
        var r = CliRunner.Run(Joint(dir, "--bias", "--json"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        foreach (var f in new[] { "trajectory.csv", "summary.json", "W.npy", "H.npy", "b.npy", "labels.npy" })
            Assert.True(File.Exists(Path.Combine(dir, f)), $"missing {f}");
        var header = File.ReadLines(Path.Combine(dir, "trajectory.csv")).First().Split(',');
        Assert.Equal("step", header[0]);
        Assert.Contains("svmDirectionDistance", header);
        var summary = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(1000, summary.GetProperty("stepsDone").GetInt64());
        Assert.Equal("joint", summary.GetProperty("config").GetProperty("mode").GetString());
        Assert.True(summary.GetProperty("final").GetProperty("trainAccuracy").GetDouble() > 0.99);
        Assert.Equal(JsonValueKind.Array, summary.GetProperty("claims").ValueKind);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "summary.json")), r.Stdout);
    }

    [Fact]
    public void TextOutputIsOneSummaryLine()
    {
        using var fx = new NpyFixtures();
        var r = CliRunner.Run(Joint(fx.PathOf("run")));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Single(r.Stdout.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("ufm: 1000 steps", r.Stdout);
    }

    [Fact]
    public void SameSeedTwiceGivesIdenticalTrajectories()
    {
        using var fx = new NpyFixtures();
        Assert.Equal(0, CliRunner.Run(Joint(fx.PathOf("a"), "--seed", "7")).ExitCode);
        Assert.Equal(0, CliRunner.Run(Joint(fx.PathOf("b"), "--seed", "7")).ExitCode);
        Assert.Equal(File.ReadAllBytes(fx.PathOf("a/trajectory.csv")), File.ReadAllBytes(fx.PathOf("b/trajectory.csv")));
        Assert.Equal(File.ReadAllBytes(fx.PathOf("a/H.npy")), File.ReadAllBytes(fx.PathOf("b/H.npy")));
    }

    [Fact]
    public void ResumeFromACheckpointEqualsTheUninterruptedRun()
    {
        using var fx = new NpyFixtures();
        Assert.Equal(0, CliRunner.Run(Joint(fx.PathOf("full"), "--momentum", "0.5")).ExitCode);
        // Checkpoints every 400 steps leave the state of step 800 behind; resuming recomputes steps 800..1000.
        Assert.Equal(0, CliRunner.Run(Joint(fx.PathOf("ck"), "--momentum", "0.5", "--checkpoint-every", "400")).ExitCode);
        File.Delete(fx.PathOf("ck/trajectory.csv"));
        var r = CliRunner.Run("ufm", "--resume", fx.PathOf("ck"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal(File.ReadAllBytes(fx.PathOf("full/trajectory.csv")), File.ReadAllBytes(fx.PathOf("ck/trajectory.csv")));
        Assert.Equal(File.ReadAllBytes(fx.PathOf("full/W.npy")), File.ReadAllBytes(fx.PathOf("ck/W.npy")));
    }

    [Fact]
    public void FixedFeaturesFromFilesReportTheSvmDirection()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet();
        var r = CliRunner.Run("ufm", "--mode", "fixed-features", "--features", h, "--labels", y, "--steps", "2000", "--out", fx.PathOf("b"), "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var summary = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.True(summary.GetProperty("svm").GetProperty("certified").GetBoolean());
        var distance = summary.GetProperty("final").GetProperty("svmDirectionDistance").GetDouble();
        Assert.InRange(distance, 0.0, 0.5);
        Assert.Equal("ufm-ce-svm-direction", summary.GetProperty("claims")[0].GetProperty("claimId").GetString());
    }

    [Xunit.Theory]
    [InlineData("--out", "error: --out: required")]
    [InlineData("--classes", "error: --classes: required")]
    public void MissingRequiredValuesAreExitTwo(string drop, string message)
    {
        using var fx = new NpyFixtures();
        var args = Joint(fx.PathOf("x")).ToList();
        var i = args.IndexOf(drop);
        args.RemoveRange(i, 2);
        var r = CliRunner.Run([.. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith(message, r.Stderr);
    }

    [Fact]
    public void CudaWithoutACudaBuildIsExitTwo()
    {
        if (TorchSharp.torch.cuda.is_available()) return;
        using var fx = new NpyFixtures();
        var r = CliRunner.Run(Joint(fx.PathOf("x"), "--device", "cuda"));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: --device cuda:", r.Stderr);
    }

    [Fact]
    public void ResumeWithoutCheckpointIsExitTwo()
    {
        using var fx = new NpyFixtures();
        var r = CliRunner.Run("ufm", "--resume", fx.Dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("checkpoint.bin", r.Stderr);
    }
}
