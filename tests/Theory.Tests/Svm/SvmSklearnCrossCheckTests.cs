using System.Diagnostics;
using System.Globalization;
using Collapse.Theory.Svm;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using Xunit.Abstractions;

namespace Collapse.Theory.Tests.Svm;

/// <summary>
/// Independent check against scikit-learn's LinearSVC(multi_class='crammer_singer', fit_intercept=False, C=1e6):
/// Crammer–Singer with slack, the same problem once C is large enough that no slack is used. Needs
/// /usr/bin/python3 with sklearn (Debian: python3-sklearn); without it the test logs "SKIPPED" and returns.
/// </summary>
public class SvmSklearnCrossCheckTests(ITestOutputHelper output)
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public void NormOfWAgreesWithSklearnCrammerSinger()
    {
        if (!SklearnAvailable(out var why))
        {
            output.WriteLine($"SKIPPED: {why}");
            return;
        }
        const int k = 5, d = 12;
        var (features, labels) = SvmTestData.Clusters(k, d, 25, seed: 1);
        var ours = MulticlassSvm.Solve(features, labels, k);

        var theirs = RunSklearn(features, labels, k, d);

        var normRelative = Math.Abs(theirs.FrobeniusNorm() - ours.Certificate.NormW) / ours.Certificate.NormW;
        var wRelative = SvmTestData.RelativeDifference(theirs, ours.W);
        output.WriteLine($"||W|| ours {ours.Certificate.NormW:R}, sklearn {theirs.FrobeniusNorm():R}; relative norm difference {normRelative:E2}, ||ΔW||/||W|| {wRelative:E2}");
        Assert.True(normRelative < 1e-6, $"||W|| differs by {normRelative:E2} (relative)");
        Assert.True(wRelative < 1e-5, $"W differs by {wRelative:E2} (relative)");
    }

    private static Matrix<double> RunSklearn(double[] features, int[] labels, int k, int d)
    {
        var dir = Directory.CreateTempSubdirectory("collapse-svm-sklearn-");
        try
        {
            var featurePath = Path.Combine(dir.FullName, "features.txt");
            var labelPath = Path.Combine(dir.FullName, "labels.txt");
            File.WriteAllLines(featurePath, Enumerable.Range(0, labels.Length)
                .Select(i => string.Join(' ', Enumerable.Range(0, d).Select(t => features[i * d + t].ToString("R", CultureInfo.InvariantCulture)))));
            File.WriteAllLines(labelPath, labels.Select(l => l.ToString(CultureInfo.InvariantCulture)));
            var script = Path.Combine(AppContext.BaseDirectory, "Svm", "crammer_singer_sklearn.py");
            var (code, stdout, stderr) = Run(Python, script, featurePath, labelPath, k.ToString(CultureInfo.InvariantCulture));
            Assert.True(code == 0, $"sklearn script failed ({code}): {stderr}");
            var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray())
                .ToArray();
            Assert.Equal(k, rows.Length);
            return Matrix<double>.Build.DenseOfRowArrays(rows);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static bool SklearnAvailable(out string why)
    {
        if (!File.Exists(Python)) { why = $"{Python} not found"; return false; }
        var (code, _, stderr) = Run(Python, "-c", "import sklearn");
        why = code == 0 ? "" : $"sklearn is not importable by {Python} (apt-get install python3-sklearn): {stderr.Trim().Split('\n')[^1]}";
        return code == 0;
    }

    private static (int Code, string Stdout, string Stderr) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", "timed out after 2 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
