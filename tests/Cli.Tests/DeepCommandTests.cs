using System.Globalization;
using Xunit;

namespace Collapse.Cli.Tests;

/// <summary>
/// One small real training on the bundled MNIST subset, shared by the end-to-end checks below (the CI acceptance
/// test of the deep-validation issue: 100% train accuracy is reached and nc1 decreases over the epochs).
/// </summary>
public sealed class MnistRunFixture : IDisposable
{
    public MnistRunFixture()
    {
        Dir = Path.Combine(Path.GetTempPath(), "collapse-deep-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Result = CliRunner.Run("deep", "train", "--dataset", "mnist-subset", "--train-per-class", "100", "--test-per-class", "50",
            "--model", "mlp", "--width", "128", "--depth", "2", "--batch-size", "50", "--lr", "0.1", "--epochs", "15",
            "--lr-milestones", "10", "--seed", "1", "--export-epochs", "1,5,10,15", "--out", Dir);
        Table = File.Exists(Path.Combine(Dir, "epochs.csv")) ? Csv.Read(Path.Combine(Dir, "epochs.csv")) : [];
    }

    public string Dir { get; }

    public CliRunner.Result Result { get; }

    public List<Dictionary<string, string>> Table { get; }

    public void Dispose()
    {
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}

internal static class Csv
{
    public static List<Dictionary<string, string>> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).Select(cells => header.Zip(cells).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    public static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}

public class DeepCommandTests(MnistRunFixture run) : IClassFixture<MnistRunFixture>
{
    [Fact]
    public void MnistSubsetTrainingReachesFullTrainAccuracyAndNc1Decreases()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.Stderr);
        Assert.Equal(15, run.Table.Count);
        var accuracy = run.Table.Select(r => Csv.D(r["trainAccuracy"])).ToList();
        Assert.Equal(1.0, accuracy.Max());
        var nc1 = run.Table.Select(r => Csv.D(r["trainNc1"])).ToList();
        Assert.True(nc1[^1] < 0.6 * nc1[0], $"nc1 {nc1[0]} → {nc1[^1]}");
        // nc1 decreases over the epochs, not just between the ends: at most 3 of the 14 steps go up
        Assert.True(nc1.Zip(nc1.Skip(1)).Count(p => p.Second > p.First) <= 3, string.Join(", ", nc1));
        Assert.Contains("100% train accuracy first at epoch", run.Result.Stdout);
        foreach (var column in new[] { "testNc1", "trainMinMargin", "trainNormalizedMargin", "trainGammaMean", "epochSeconds", "testAccuracy",
                     "testNc1TrainMeans", "testCdnvTrainMeans", "testNccAccuracyTrainMeans" })
            Assert.All(run.Table, r => Assert.True(double.IsFinite(Csv.D(r[column])), column));
    }

    [Fact]
    public void SvmDistanceIsFilledExactlyAtTheEpochsWithFullTrainAccuracy()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.Stderr);
        Assert.Contains(run.Table, r => Csv.D(r["trainAccuracy"]) == 1.0);
        foreach (var row in run.Table)
        {
            if (Csv.D(row["trainAccuracy"]) == 1.0) Assert.InRange(Csv.D(row["svmDistance"]), 0.0, 2.0);
            else Assert.Equal("", row["svmDistance"]);
        }
    }

    [Fact]
    public void ExportedEpochIsAnalysableByCollapseMetricsWithTheSameNumbers()
    {
        var e = Path.Combine(run.Dir, "export", "epoch-0015");
        var r = CliRunner.Run("metrics", "--features", Path.Combine(e, "train_features.npy"), "--labels", Path.Combine(e, "train_labels.npy"),
            "--classifier", Path.Combine(e, "classifier.npy"), "--bias", Path.Combine(e, "bias.npy"), "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var json = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement;
        var last = run.Table[^1];
        Assert.Equal(Csv.D(last["trainNc1"]), json.GetProperty("nc1").GetDouble(), 6);
        Assert.Equal(Csv.D(last["trainLoss"]), json.GetProperty("ce").GetDouble(), 9);
        Assert.Equal(Csv.D(last["trainMinMargin"]), json.GetProperty("minMargin").GetDouble(), 9);
    }

    [Fact]
    public void AnalyzeRunOfTheExportReproducesTheEpochTableAndJudgesTheClaims()
    {
        var outDir = Path.Combine(run.Dir, "analysis");
        var r = CliRunner.Run("analyze-run", Path.Combine(run.Dir, "export"), "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var table = Csv.Read(Path.Combine(outDir, "epochs.csv"));
        Assert.Equal(new[] { "1", "5", "10", "15" }, table.Select(t => t["epoch"]));
        foreach (var column in new[] { "trainLoss", "trainAccuracy", "testAccuracy", "trainNc1", "testNc1TraceRatio", "trainMinMargin" })
            Assert.Equal(Csv.D(run.Table[^1][column]), Csv.D(table[^1][column]), 12);
        Assert.Contains("HOLDS  nc1-decreases", r.Stdout);
        Assert.Contains("tpt-test-accuracy-gain", r.Stdout);
        Assert.True(File.Exists(Path.Combine(outDir, "claims.csv")));
    }

    [Fact]
    public void TheTrainingFolderIsOneCommandFromItsRunReport()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.Stderr);
        Assert.Contains($"collapse report --run {run.Dir}", run.Result.Stdout);
        var outDir = Path.Combine(run.Dir, "run-report");
        var r = CliRunner.Run("report", "--run", run.Dir, "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json"))).RootElement;
        // A TorchSharp run measures svmDistance, and run.json says what was trained.
        Assert.Contains("svm", json.GetProperty("panels").EnumerateArray().Select(p => p.GetProperty("key").GetString()));
        var meta = json.GetProperty("runs")[0].GetProperty("metadata");
        Assert.Equal("mnist-subset", meta.GetProperty("dataset").GetString());
        Assert.Equal(10, json.GetProperty("runs")[0].GetProperty("gamma").GetProperty("classes").GetInt32());
        // deep train writes the single-run verdicts like analyze-run; the report shows them.
        Assert.Equal(["nc1-decreases", "tpt-test-accuracy-gain", "tpt-margin-growth"],
            json.GetProperty("runs")[0].GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Contains("claims.csv", run.Result.Stdout);
    }

    [Fact]
    public void PermutationsOnASyntheticTaskPrintTheFTestAndWriteThePlotData()
    {
        var dir = Path.Combine(run.Dir, "perm");
        var r = CliRunner.Run("deep", "permutations", "--dataset", "gaussian:k=4,d=8,n=20,test=20,geometry=hetero", "--width", "16",
            "--epochs", "3", "--batch-size", "20", "--permutations", "2", "--seeds", "2", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("F(1,2) = ", r.Stdout);
        Assert.Contains("permutation-dependent-generalization (etf)", r.Stdout);
        Assert.Contains("permutation-dependent-generalization (hetero)", r.Stdout);
        var rows = Csv.Read(Path.Combine(dir, "permutations.csv"));
        Assert.Equal(8, rows.Count);
        Assert.Equal(new[] { "etf", "hetero" }, rows.Select(x => x["classifier"]).Distinct());
        Assert.Equal("0 1 2 3", rows[0]["permutation"]);
    }

    [Fact]
    public void TptOnAnEasyTaskReportsBothClaimsWithNumbers()
    {
        var r = CliRunner.Run("deep", "tpt", "--dataset", "gaussian:k=3,d=6,n=20,test=50,sep=8", "--width", "16", "--epochs", "20",
            "--batch-size", "20", "--seeds", "2", "--json");
        Assert.True(r.ExitCode is 0 or 1, r.Stderr);
        var json = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(2, json.GetProperty("runs").GetArrayLength());
        var claims = json.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("claimId").GetString()).ToList();
        Assert.Equal(new[] { "tpt-test-accuracy-gain", "tpt-margin-growth" }, claims);
    }

    [Theory]
    [InlineData("--device", "cuda", "CUDA is not available")]
    [InlineData("--model", "transformer", "--model transformer: expected mlp, cnn or resnet")]
    [InlineData("--dataset", "idx:/nonexistent/mnist", "not found")]
    [InlineData("--dataset", "gaussian:k=12,d=4", "need d ≥ k−1")]
    [InlineData("--epochs", "0", "--epochs 0: must be at least 1")]
    [InlineData("--svm-every", "-1", "--svm-every -1: must be non-negative")]
    public void BadTrainFlagsExitTwoWithOneLine(string flag, string value, string expected)
    {
        var defaults = new Dictionary<string, string> { ["--dataset"] = "gaussian:k=3,d=4,n=5,test=5", ["--epochs"] = "1", ["--out"] = Path.Combine(run.Dir, "bad") };
        defaults[flag] = value;
        string[] args = ["deep", "train", .. defaults.SelectMany(kv => new[] { kv.Key, kv.Value })];
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains(expected, r.Stderr);
    }

    [Fact]
    public void CorruptIdxFileExitsTwoNamingTheFile()
    {
        var dir = Path.Combine(run.Dir, "badidx");
        Directory.CreateDirectory(dir);
        foreach (var name in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
            File.WriteAllBytes(Path.Combine(dir, name), [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3]);
        var r = CliRunner.Run("deep", "train", "--dataset", "idx:" + dir, "--out", Path.Combine(run.Dir, "bad2"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("train-images-idx3-ubyte: truncated IDX data", r.Stderr);
    }

    [Fact]
    public void AnalyzeRunWithoutManifestExitsTwo()
    {
        var dir = Path.Combine(run.Dir, "empty");
        Directory.CreateDirectory(dir);
        var r = CliRunner.Run("analyze-run", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("manifest.json: manifest not found", r.Stderr);
    }

    [Fact]
    public void TooFewPermutationsExitTwo()
    {
        var r = CliRunner.Run("deep", "permutations", "--dataset", "gaussian:k=3,d=4", "--permutations", "1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--permutations 1: at least 2 are needed", r.Stderr);
    }

    [Theory]
    [InlineData(null, 30, new[] { 15, 23 })]
    [InlineData(null, 60, new[] { 30, 45 })]
    [InlineData("none", 30, new int[0])]
    [InlineData("5,9", 30, new[] { 5, 9 })]
    public void LrMilestonesDefaultToHalfAndThreeQuartersOfTheEpochs(string? flag, int epochs, int[] expected) =>
        Assert.Equal(expected, Collapse.Cli.Commands.DeepFlags.ParseMilestones(flag, epochs));
}
