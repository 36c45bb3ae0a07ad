using Collapse.Reports.Runs;

namespace Collapse.Reports.Tests.Fixtures;

/// <summary>Run folders for the run-report tests: the committed PyTorch run and small synthetic ones.</summary>
public static class TestRuns
{
    /// <summary>The committed PyTorch run (tests/DeepValidation.Tests/Fixtures/pytorch-run) with its analyze-run tables.</summary>
    public static string PyTorchRun => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pytorch-run");

    /// <summary>A report of the given folders, as the CLI builds it.</summary>
    public static RunReport Report(params string[] folders) =>
        RunReport.Build(RunFolderLoader.LoadAll(folders), TestReports.Environment());

    /// <summary>Writes a run folder with the given files (null = not written) and returns its path.</summary>
    public static string Folder(string? epochs, string? gamma = null, string? claims = null, string name = "run")
    {
        var dir = Path.Combine(TestReports.TempDir(), name);
        Directory.CreateDirectory(dir);
        if (epochs is not null) File.WriteAllText(Path.Combine(dir, "epochs.csv"), epochs);
        if (gamma is not null) File.WriteAllText(Path.Combine(dir, "gamma.csv"), gamma);
        if (claims is not null) File.WriteAllText(Path.Combine(dir, "claims.csv"), claims);
        return dir;
    }

    /// <summary>A small epochs.csv: 5 epochs, TPT start at epoch 3, nc1 decaying over decades, no svmDistance.</summary>
    public const string Epochs = """
        epoch,trainAccuracy,testAccuracy,trainLoss,testLoss,trainNc1,trainNc1TraceRatio,trainEquinormMeans,trainEquinormClassifier,trainEquiangularity,trainMaxAngle,trainNc3,trainNc4,trainNccAccuracy,trainMinMargin,trainNormalizedMargin,svmDistance
        1,0.8,0.7,1.2,1.3,0.9,1.1,0.3,0.2,0.2,0.5,0.4,0.2,0.8,-2,-0.05,
        2,0.95,0.75,0.5,0.9,0.2,0.5,0.2,0.1,0.15,0.4,0.3,0.1,0.9,-1,-0.02,
        3,1,0.78,0.1,0.8,0.05,0.2,0.1,0.05,0.1,0.3,0.2,0.02,0.98,0.5,0.01,
        4,1,0.8,0.01,0.8,0.01,0.1,0.05,0.03,0.08,0.2,0.1,0,1,1.5,0.03,
        5,1,0.81,0.001,0.8,0.002,0.05,0.03,0.02,0.05,0.1,0.05,0,1,2.5,0.05,
        """;

    /// <summary>γ_kl for K = 3 at epochs 4 and 5 (the report shows epoch 5; its smallest entry is γ_2,0 = 0.25).</summary>
    public const string Gamma = """
        epoch,k,l,gamma
        4,0,1,9
        4,0,2,9
        5,0,1,1.5
        5,0,2,2
        5,1,0,3
        5,1,2,1
        5,2,0,0.25
        5,2,1,4
        """;

    /// <summary>Three verdicts as analyze-run writes them (one holds, one fails, one inconclusive; quoted details).</summary>
    public const string Claims = """"
        claimId,verdict,measured,expected,tolerance,detail
        nc1-decreases,holds,-1,-0.5,0,"train nc1 0.9 (epoch 1) → 0.002 (epoch 5), ratio 0.0022; Spearman ρ = -1.000"
        tpt-margin-growth,fails,-0.5,0,0,"p_min fell, ""badly"""
        tpt-test-accuracy-gain,inconclusive,NaN,0,0,"no exported epoch after the TPT start"
        """";
}
