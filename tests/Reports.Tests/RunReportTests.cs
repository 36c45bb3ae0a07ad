using System.Text.Json;
using Collapse.Reports.Output;
using Collapse.Reports.Runs;
using Collapse.Reports.Tests.Fixtures;
using Collapse.Theory;
using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.Reports.Tests;

/// <summary>The run report: its panels, overlays, heat map, files, and that bad input writes nothing.</summary>
public class RunReportTests
{
    private static readonly string[] PyTorchPanels =
        ["accuracy", "loss", "nc1", "equinorm", "equiangularity", "nc3", "nc4", "pmin", "normalizedMargin"];

    [Fact]
    public void ThePyTorchRunHasThePapyanPanelsWithTheTptStartMarked()
    {
        var report = TestRuns.Report(TestRuns.PyTorchRun);
        var run = Assert.Single(report.Runs);
        Assert.Equal("pytorch-run", run.Label);
        Assert.Equal(4, run.TptStart);
        Assert.Equal(PyTorchPanels, report.PanelKeys);
        // No svmDistance in an analyze-run table: the panel is left out and says why.
        Assert.Contains(report.OmittedPanels, o => o.StartsWith("Distance to the SVM direction", StringComparison.Ordinal));
        foreach (var plot in report.Panels)
        {
            Assert.Equal("epoch", plot.XLabel);
            var marker = Assert.Single(plot.Markers);
            Assert.Equal(4, marker.X);
            Assert.Contains("TPT start", marker.Label);
            Assert.All(plot.Series, s => Assert.Equal(6, s.X.Count));
        }
        var byKey = report.PanelKeys.Zip(report.Panels).ToDictionary(p => p.First, p => p.Second);
        Assert.True(byKey["nc1"].LogY);
        Assert.True(byKey["loss"].LogY);
        Assert.False(byKey["accuracy"].LogY);
        Assert.False(byKey["pmin"].LogY);
        Assert.Equal(["train", "test"], byKey["accuracy"].Series.Select(s => s.Name));
        Assert.Equal(SeriesStyle.Dashed, byKey["nc1"].Series[1].Style);
        // The panel data are the table's: train nc1 of the last epoch.
        Assert.Equal(run.Epochs.Last("trainNc1"), byKey["nc1"].Series[0].Y[^1]);

        var map = Assert.Single(report.Heatmaps);
        Assert.Equal(10, map.Matrix.Classes);
        Assert.Equal(6, map.Matrix.Epoch);
        Assert.Equal(GammaHeatmap.WorstCount, map.Worst.Count);
        // The smallest γ_kl is p_min of the last epoch.
        Assert.Equal(run.Epochs.Last("trainMinMargin"), map.Worst[0].Gamma, 12);
        Assert.Equal([Verdict.Holds, Verdict.Inconclusive, Verdict.Holds], run.Claims!.Select(c => c.Verdict));
        Assert.False(report.AnyClaimFails);
    }

    [Fact]
    public void SeveralRunsOverlayWithOneColourPerRunAndTheirOwnTptStarts()
    {
        var a = TestRuns.Folder(TestRuns.Epochs, name: "seed-1");
        var shifted = TestRuns.Epochs.Replace("\n2,0.95,", "\n2,1,", StringComparison.Ordinal);
        var b = TestRuns.Folder(shifted, name: "seed-2");
        var report = TestRuns.Report(a, b);
        Assert.Equal(["seed-1", "seed-2"], report.Runs.Select(r => r.Label));
        var accuracy = report.Panels[report.PanelKeys.ToList().IndexOf("accuracy")];
        Assert.Equal(["seed-1 · train", "seed-1 · test", "seed-2 · train", "seed-2 · test"], accuracy.Series.Select(s => s.Name));
        Assert.Equal([0, 0, 1, 1], accuracy.Series.Select(s => s.ColorSlot!.Value));
        Assert.Equal([3.0, 2.0], accuracy.Markers.Select(m => m.X));
        Assert.Equal([0, 1], accuracy.Markers.Select(m => m.ColorSlot!.Value));
        var nc3 = report.Panels[report.PanelKeys.ToList().IndexOf("nc3")];
        Assert.Equal(["seed-1", "seed-2"], nc3.Series.Select(s => s.Name));
        Assert.Empty(report.Heatmaps);
    }

    [Fact]
    public void AutoScaleTurnsLogOnlyForPositiveValuesSpanningADecade()
    {
        var report = TestRuns.Report(TestRuns.Folder(TestRuns.Epochs));
        var byKey = report.PanelKeys.Zip(report.Panels).ToDictionary(p => p.First, p => p.Second);
        Assert.True(byKey["equinorm"].LogY);   // positive, 0.3 → 0.02: a factor 15
        Assert.False(byKey["nc3"].LogY);       // positive, 0.4 → 0.05: a factor 8 only
        Assert.False(byKey["pmin"].LogY);      // linear by definition (changes sign)
        Assert.False(byKey["nc4"].LogY);       // linear by definition (reaches 0)
        Assert.True(byKey["nc1"].LogY);        // log by definition
    }

    [Fact]
    public void LabelsAreTheShortestDistinctPathSuffixes()
    {
        Assert.Equal(["a", "b"], RunFolderLoader.Labels(["/x/a", "/y/b"]));
        Assert.Equal(["seed-1/export", "seed-2/export"], RunFolderLoader.Labels(["/r/seed-1/export", "/r/seed-2/export"]));
        Assert.Equal(["p/run", "q/p/run"], RunFolderLoader.Labels(["/p/run", "/q/p/run"]));
    }

    [Fact]
    public void DefaultOutputIsDirReportOrTheCommonParent()
    {
        Assert.Equal(Path.Combine("runs/demo", "report"), RunReportWriter.DefaultOutput(["runs/demo"]));
        Assert.Equal("/tmp/rr/report", RunReportWriter.DefaultOutput(["/tmp/rr/a", "/tmp/rr/b/c"]));
        Assert.Null(RunReportWriter.DefaultOutput(["/a", "/b"]));
    }

    [Fact]
    public void WritesHtmlMarkdownJsonAndOnePngPerPanelAndHeatmap()
    {
        var report = TestRuns.Report(TestRuns.PyTorchRun);
        var dir = Path.Combine(TestReports.TempDir(), "out");
        var files = RunReportWriter.Write(report, dir);
        Assert.Equal(Path.Combine(dir, "report.html"), files.Html);
        Assert.Equal(PyTorchPanels.Length + 1, files.Images.Count);
        Assert.All(files.Images, p => Assert.True(new FileInfo(p).Length > 1000));
        Assert.Empty(Directory.EnumerateFiles(dir, "*.tmp", SearchOption.AllDirectories));

        var md = File.ReadAllText(files.Markdown);
        Assert.Contains("![Accuracy](plots/run-accuracy.png)", md);
        Assert.Contains("![Class-pair margins γ\\_kl, epoch 6](plots/gamma-1.png)", md);
        Assert.Contains("| `tpt-margin-growth` | ✅ holds |", md);

        using var json = JsonDocument.Parse(File.ReadAllText(files.Json));
        var root = json.RootElement;
        Assert.Equal("collapse-run-report/1", root.GetProperty("schema").GetString());
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
        var run = root.GetProperty("runs")[0];
        Assert.Equal(4, run.GetProperty("tptStart").GetInt32());
        Assert.Equal(10, run.GetProperty("gamma").GetProperty("matrix").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("gamma").GetProperty("matrix")[3][3].ValueKind);
        Assert.Equal("64", run.GetProperty("metadata").GetProperty("featureDim").GetString());
        Assert.Equal(PyTorchPanels, root.GetProperty("panels").EnumerateArray().Select(p => p.GetProperty("key").GetString()));
        Assert.Equal(6, root.GetProperty("panels")[0].GetProperty("plot").GetProperty("series")[0].GetProperty("x").GetArrayLength());

        var html = File.ReadAllText(files.Html);
        Assert.Equal(PyTorchPanels.Length + 1, System.Text.RegularExpressions.Regex.Matches(html, "<svg class=\"plot\"").Count);
        Assert.Contains("image-rendering:pixelated", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void AFailingClaimMakesTheRunRowAndSectionRed()
    {
        var report = TestRuns.Report(TestRuns.Folder(TestRuns.Epochs, TestRuns.Gamma, TestRuns.Claims));
        Assert.True(report.AnyClaimFails);
        var html = Collapse.Reports.Runs.RunHtmlRenderer.Render(report);
        Assert.Contains("<tr class=\"fails\">", html);
        Assert.Contains("<article class=\"claim fails\">", html);
        Assert.Contains("p_min fell, &quot;badly&quot;", html);
        var map = Assert.Single(report.Heatmaps);
        Assert.Contains("p_min = γ_2,0 = 0.25", map.Caption);
    }

    [Fact]
    public void BadRunFoldersAreOneLineErrorsAndWriteNothing()
    {
        var root = TestReports.TempDir();
        var output = Path.Combine(root, "out");
        void Refused(string folder, string expected)
        {
            var ex = Assert.Throws<InputException>(() => RunReportWriter.Write(TestRuns.Report(folder), output));
            Assert.Contains(expected, ex.Message);
            Assert.DoesNotContain('\n', ex.Message);
            Assert.False(Directory.Exists(output));
        }
        Refused(Path.Combine(root, "nope"), "run folder not found");
        Refused(TestRuns.Folder(null), "no epochs.csv");
        var npyOnly = TestRuns.Folder(null, name: "npy");
        File.WriteAllText(Path.Combine(npyOnly, "manifest.json"), "{\"format\":\"collapse-run\"}");
        Refused(npyOnly, "run `collapse analyze-run");
        Refused(TestRuns.Folder("epoch,trainAccuracy\n1,0.5\n2,x\n"), "epochs.csv: line 3, column trainAccuracy: 'x' is not a number");
        Refused(TestRuns.Folder(TestRuns.Epochs, gamma: "epoch,k,l,gamma\n1,0,1,a\n"), "gamma.csv: line 2");
        Refused(TestRuns.Folder(TestRuns.Epochs, claims: "claimId,verdict\n"), "claims.csv: line 1");
        var badJson = TestRuns.Folder(TestRuns.Epochs, name: "json");
        File.WriteAllText(Path.Combine(badJson, "run.json"), "{ not json");
        Refused(badJson, "run.json: not valid JSON");
        // The same folder twice, and an --out that is a file.
        var ok = TestRuns.Folder(TestRuns.Epochs, name: "ok");
        Assert.Contains("given twice", Assert.Throws<InputException>(() => RunFolderLoader.LoadAll([ok, ok + "/"])).Message);
        var file = Path.Combine(root, "file");
        File.WriteAllText(file, "x");
        Assert.Contains("is a file", Assert.Throws<InputException>(() => RunReportWriter.Write(TestRuns.Report(ok), file)).Message);
    }
}
