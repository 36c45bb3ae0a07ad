using System.Diagnostics;
using System.Text.Json.Nodes;
using Collapse.DeepValidation.Import;
using Collapse.Theory;
using Collapse.Theory.Claims;
using Collapse.Theory.IO;
using Xunit;

namespace Collapse.DeepValidation.Tests.Import;

public class RunAnalyzerTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pytorch-run");

    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException(relative);
    }

    /// <summary>CE of one epoch recomputed directly from the .npy files (softmax form), independent of Collapse.Theory.</summary>
    private static double NaiveCrossEntropy(string folder, string epoch)
    {
        var h = NpyReader.ReadMatrix(Path.Combine(folder, epoch, "train_features.npy"));
        var y = NpyReader.ReadLabels(Path.Combine(folder, epoch, "train_labels.npy"));
        var w = NpyReader.ReadMatrix(Path.Combine(folder, epoch, "classifier.npy"));
        var b = NpyReader.ReadVector(Path.Combine(folder, epoch, "bias.npy"));
        double total = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var z = new double[w.Rows];
            for (var k = 0; k < w.Rows; k++)
            {
                z[k] = b[k];
                for (var j = 0; j < w.Columns; j++) z[k] += w.Data[k * w.Columns + j] * h.Data[i * h.Columns + j];
            }
            var max = z.Max();
            total += Math.Log(z.Sum(v => Math.Exp(v - max))) + max - z[y[i]];
        }
        return total / y.Length;
    }

    [Fact]
    public void CommittedPyTorchRunIsMeasuredLikeATorchSharpRun()
    {
        var analysis = RunAnalyzer.Analyze(Fixture);
        Assert.Equal(6, analysis.Epochs.Count);
        Assert.Equal(10, analysis.Manifest.Classes);
        Assert.Equal(64, analysis.Manifest.FeatureDim);
        for (var e = 1; e <= 6; e++)
            Assert.Equal(NaiveCrossEntropy(Fixture, $"epoch-{e:D4}"), analysis.Epochs[e - 1].TrainLoss!.Value, 9);
        Assert.Contains(analysis.Epochs, r => r.TrainAccuracy == 1.0);
        var nc1 = analysis.Epochs.Select(r => r.Train!.Nc1!.Value).ToList();
        Assert.True(nc1[^1] < 0.5 * nc1[0]);
        Assert.Equal(Verdict.Holds, analysis.Claims.Single(c => c.ClaimId == "nc1-decreases").Verdict);
        Assert.Equal(Verdict.Holds, analysis.Claims.Single(c => c.ClaimId == "tpt-margin-growth").Verdict);
        Assert.Single(analysis.Claims, c => c.ClaimId == "tpt-test-accuracy-gain");
    }

    [Fact]
    public void WritesTheSameTablesAsATraining()
    {
        using var tmp = new TempFolder();
        RunAnalyzer.Write(tmp.Path, RunAnalyzer.Analyze(Fixture));
        var header = File.ReadLines(tmp.File("epochs.csv")).First().Split(',');
        Assert.Equal(Collapse.DeepValidation.Output.EpochTable.Columns, header);
        Assert.Equal(7, File.ReadAllLines(tmp.File("epochs.csv")).Length);
        Assert.StartsWith("claimId,verdict", File.ReadLines(tmp.File("claims.csv")).First());
    }

    private static string CopyFixture(TempFolder tmp)
    {
        var dst = Path.Combine(tmp.Path, "run");
        foreach (var f in Directory.GetFiles(Fixture, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dst, Path.GetRelativePath(Fixture, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
        return dst;
    }

    [Theory]
    [InlineData("missing-file", "file listed in manifest.json not found")]
    [InlineData("bad-json", "not valid JSON")]
    [InlineData("wrong-format", "format is 'other'")]
    [InlineData("duplicate-epoch", "listed twice")]
    [InlineData("no-epochs", "no epochs listed")]
    [InlineData("wrong-dim", "feature columns, the classifier has d = 3")]
    public void BrokenRunFoldersAreInputErrors(string defect, string expected)
    {
        using var tmp = new TempFolder();
        var run = CopyFixture(tmp);
        var manifestPath = Path.Combine(run, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var epochs = manifest["epochs"]!.AsArray();
        switch (defect)
        {
            case "missing-file": File.Delete(Path.Combine(run, "epoch-0002", "test_labels.npy")); break;
            case "bad-json": File.WriteAllText(manifestPath, "{ \"format\": "); break;
            case "wrong-format": manifest["format"] = "other"; break;
            case "duplicate-epoch": epochs[1]!["epoch"] = 1; break;
            case "no-epochs": epochs.Clear(); break;
            case "wrong-dim":
                NpyWriter.WriteMatrix(Path.Combine(run, "epoch-0001", "classifier.npy"), new double[30], 10, 3);
                break;
        }
        if (defect is not ("bad-json" or "missing-file" or "wrong-dim")) File.WriteAllText(manifestPath, manifest.ToJsonString());
        var ex = Assert.Throws<InputException>(() => RunAnalyzer.Analyze(run));
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [PythonTorchFact]
    public void TinyPyTorchRunExportedByTheHelperIsAnalysed()
    {
        using var tmp = new TempFolder();
        var out_ = Path.Combine(tmp.Path, "py");
        var psi = new ProcessStartInfo(PythonTorchFactAttribute.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { RepoFile("tools/export_run.py"), "--demo", out_, "--epochs", "3", "--per-class", "10", "--seed", "1", "--data", Path.Combine(AppContext.BaseDirectory, "data", "mnist-subset") },
        };
        using (var p = Process.Start(psi)!)
        {
            var stderr = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(120_000), "python demo timed out");
            Assert.True(p.ExitCode == 0, stderr.Result);
        }
        var analysis = RunAnalyzer.Analyze(out_);
        Assert.Equal(new[] { 1, 2, 3 }, analysis.Epochs.Select(e => e.Epoch));
        Assert.All(analysis.Epochs, e => Assert.True(double.IsFinite(e.Train!.Nc1!.Value) && double.IsFinite(e.Test!.Accuracy!.Value)));
        Assert.All(analysis.Manifest.Epochs, e => Assert.True(e.EpochSeconds > 0));
        for (var e = 1; e <= 3; e++)
            Assert.Equal(NaiveCrossEntropy(out_, $"epoch-{e:D4}"), analysis.Epochs[e - 1].TrainLoss!.Value, 9);
    }
}
