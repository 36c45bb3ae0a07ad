using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Xunit;

namespace Collapse.Cli.Tests;

/// <summary>`collapse report --run` on the committed PyTorch run, its bad input, and `collapse report --junit`.</summary>
public class RunReportCommandTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pytorch-run");

    private static string Temp() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "collapse-cli-runreport", Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>The .npy part of the fixture (manifest and epochs, without its analyze-run tables) copied to <paramref name="dir"/>.</summary>
    private static string CopyExport(string dir)
    {
        foreach (var f in Directory.GetFiles(Fixture, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".csv", StringComparison.Ordinal)))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(Fixture, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
        return dir;
    }

    [Fact]
    public void AnalyzeRunPrintsTheReportCommandWhichWritesTheReportIntoTheRunFolder()
    {
        var run = CopyExport(Path.Combine(Temp(), "pytorch"));
        var analysis = CliRunner.Run("analyze-run", run);
        Assert.True(analysis.ExitCode == 0, analysis.Stderr);
        Assert.Contains($"report of this run: collapse report --run {run}", analysis.Stdout);

        // Before the analysis the folder had no epochs.csv; now the hinted command works as printed.
        var r = CliRunner.Run("report", "--run", run);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("run report: pytorch: 6 epochs, TPT start 4, claims 3 claims: 2 hold, 0 fail, 1 inconclusive; 9 panels, 1 heat map", r.Stdout);
        var dir = Path.Combine(run, "report");
        foreach (var f in new[] { "report.html", "report.md", "results.json", "plots/run-nc1.png", "plots/gamma-1.png" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json"))).RootElement;
        Assert.Equal("collapse-run-report/1", json.GetProperty("schema").GetString());
        Assert.Contains("collapse report --run", json.GetProperty("environment").GetProperty("commandLine").GetString());
    }

    [Fact]
    public void SeveralRunsOverlayIntoTheirCommonParent()
    {
        var root = Temp();
        foreach (var seed in new[] { "seed-1", "seed-2" })
        {
            var dir = Directory.CreateDirectory(Path.Combine(root, seed)).FullName;
            foreach (var f in new[] { "epochs.csv", "gamma.csv", "claims.csv", "manifest.json" })
                File.Copy(Path.Combine(Fixture, f), Path.Combine(dir, f));
        }
        var r = CliRunner.Run("report", "--run", Path.Combine(root, "seed-1"), "--run", Path.Combine(root, "seed-2"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("seed-1: 6 epochs", r.Stdout);
        Assert.Contains("2 heat maps", r.Stdout);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "report", "results.json"))).RootElement;
        var accuracy = json.GetProperty("panels")[0].GetProperty("plot");
        Assert.Equal(["seed-1 · train", "seed-1 · test", "seed-2 · train", "seed-2 · test"],
            accuracy.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public void BadRunFoldersExitTwoWithOneLineAndWriteNothing()
    {
        var root = Temp();
        var output = Path.Combine(root, "out");
        void Refused(string expected, params string[] args)
        {
            var r = CliRunner.Run(["report", .. args, "--out", output]);
            Assert.Equal(2, r.ExitCode);
            var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: ", line);
            Assert.Contains(expected, line);
            Assert.False(Directory.Exists(output), "a refused report wrote output");
        }
        Refused("run folder not found", "--run", Path.Combine(root, "missing"));
        var export = CopyExport(Path.Combine(root, "export"));
        Refused("no epochs.csv (a folder of .npy exports: run `collapse analyze-run", "--run", export);
        var bad = Directory.CreateDirectory(Path.Combine(root, "bad")).FullName;
        File.WriteAllText(Path.Combine(bad, "epochs.csv"), "epoch,trainAccuracy\n1,0.5\n2,0.7,0.9\n");
        Refused("epochs.csv: line 3: 3 cells, the header has 2", "--run", bad);
        var truncated = Directory.CreateDirectory(Path.Combine(root, "truncated")).FullName;
        File.WriteAllText(Path.Combine(truncated, "epochs.csv"), File.ReadAllText(Path.Combine(Fixture, "epochs.csv"))[..900]);
        Refused("cells, the header has", "--run", truncated);
        // A good run beside a bad one: still nothing written.
        var good = Directory.CreateDirectory(Path.Combine(root, "good")).FullName;
        File.Copy(Path.Combine(Fixture, "epochs.csv"), Path.Combine(good, "epochs.csv"));
        Refused("epochs.csv: line 3", "--run", good, "--run", bad);
        Refused("--claims: not used with --run", "--run", good, "--claims", "etf-gram");
        Refused("--junit: not used with --run", "--run", good, "--junit", Path.Combine(root, "j.xml"));
    }

    [Fact]
    public void JunitFileHasOneTestcasePerClaimValidAgainstTheSchemaAndAFailureWithTheReplaySeed()
    {
        var root = Temp();
        var junit = Path.Combine(root, "junit.xml");
        var r = CliRunner.Run("report", "--claims", "margin-risk-sandwich,rademacher-linear-bound", "--param", "rademacher-linear-bound:boundFactor=0.5",
            "--out", Path.Combine(root, "r"), "--junit", junit);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($", {junit}", r.Stdout);

        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Schemas", "junit.xsd"));
        var doc = XDocument.Load(junit);
        var problems = new List<string>();
        doc.Validate(schemas, (_, e) => problems.Add(e.Message));
        Assert.Empty(problems);

        var suite = doc.Root!.Element("testsuite")!;
        Assert.Equal("2", (string?)suite.Attribute("tests"));
        Assert.Equal("1", (string?)suite.Attribute("failures"));
        var failed = suite.Elements("testcase").Single(t => (string?)t.Attribute("name") == "rademacher-linear-bound");
        Assert.Equal("inequality", (string?)failed.Attribute("classname"));
        var seed = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "r", "results.json"))).RootElement
            .GetProperty("claims").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "rademacher-linear-bound").GetProperty("seed").GetInt32();
        Assert.Contains($"(replay seed {seed})", (string)failed.Element("failure")!.Attribute("message")!);
        Assert.Contains("--param rademacher-linear-bound:boundFactor=0.5", failed.Element("failure")!.Value);
    }

    [Fact]
    public void JunitPathThatIsAFolderExitsTwoBeforeAnyClaimRuns()
    {
        var root = Temp();
        var r = CliRunner.Run("report", "--claims", "margin-risk-sandwich", "--out", Path.Combine(root, "r"), "--junit", root);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--junit", r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(root, "r")));
    }
}
