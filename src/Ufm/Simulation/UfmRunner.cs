using System.Text;
using System.Text.Json;
using Collapse.Theory;
using Collapse.Theory.Claims;
using Collapse.Theory.IO;
using Collapse.Ufm.Claims;
using Collapse.Ufm.Trajectories;

namespace Collapse.Ufm.Simulation;

/// <summary>
/// Runs a configuration into an output folder (the library side of <c>collapse ufm</c>): DIR/trajectory.csv,
/// DIR/summary.json (configuration, seed, versions, final values, claim verdicts), DIR/W.npy (K×d), DIR/H.npy (N×d,
/// row i = h_i), DIR/b.npy (K, with a bias), DIR/labels.npy (N, int32); every file written atomically. With
/// checkpoints, DIR/checkpoint.bin holds the state every S steps and <see cref="Resume"/> continues bit-identically.
/// </summary>
public static class UfmRunner
{
    /// <summary>Name of the checkpoint file inside the output folder.</summary>
    public const string CheckpointFile = "checkpoint.bin";

    /// <summary>
    /// Runs <paramref name="config"/> and writes the outputs into <paramref name="outputDirectory"/> (created if needed).
    /// A run that diverges is written up to its last finite step (<see cref="UfmResult.Divergence"/> set, and a
    /// <c>divergence</c> entry in summary.json); an existing checkpoint.bin is then the last finite one.
    /// <paramref name="warning"/> receives warnings before the first step (e.g. --lr above the stable step size).
    /// </summary>
    public static UfmRunReport Run(Model.UfmConfig config, string outputDirectory, long checkpointEvery = 0, IProgress<long>? progress = null,
        Action<string>? warning = null)
    {
        config.Validate();
        if (checkpointEvery < 0) throw new InputException($"--checkpoint-every {checkpointEvery}: must be ≥ 0");
        Prepare(outputDirectory);
        var options = new UfmRunOptions
        {
            Progress = progress,
            CheckpointEvery = checkpointEvery,
            CheckpointPath = checkpointEvery > 0 ? Path.Combine(outputDirectory, CheckpointFile) : null,
            ReturnDiverged = true,
            Warning = warning,
        };
        return Write(UfmSimulator.Run(config, options), outputDirectory);
    }

    /// <summary>
    /// Runs <paramref name="request"/>: a new run as <see cref="Run(Model.UfmConfig, string, long, IProgress{long}?, Action{string}?)"/>,
    /// a resumed one as <see cref="Resume"/>.
    /// </summary>
    public static UfmRunReport Run(UfmRunRequest request, IProgress<long>? progress = null, Action<string>? warning = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Config is { } config
            ? Run(config, request.Directory, request.CheckpointEvery, progress, warning)
            : Resume(request.Directory, progress);
    }

    /// <summary>
    /// Continues the run checkpointed in <paramref name="directory"/> and rewrites its outputs there (a divergence as in
    /// <see cref="Run(Model.UfmConfig, string, long, IProgress{long}?, Action{string}?)"/>).
    /// </summary>
    public static UfmRunReport Resume(string directory, IProgress<long>? progress = null)
    {
        var path = Path.Combine(directory, CheckpointFile);
        if (!File.Exists(path)) throw new InputException($"--resume {directory}: no {CheckpointFile} in this folder (run with --checkpoint-every first)");
        return Write(UfmSimulator.Resume(path, new UfmRunOptions { Progress = progress, ReturnDiverged = true }), directory);
    }

    private static void Prepare(string dir)
    {
        try { Directory.CreateDirectory(dir); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--out {dir}: cannot create the folder ({ex.Message})");
        }
    }

    /// <summary>Writes every output of <paramref name="result"/> into <paramref name="dir"/>.</summary>
    public static UfmRunReport Write(UfmResult result, string dir)
    {
        Prepare(dir);
        var claims = UfmClaims.ForRun(result);
        TrajectoryCsv.Write(Path.Combine(dir, "trajectory.csv"), result.Trajectory);
        NpyWriter.WriteMatrix(Path.Combine(dir, "W.npy"), result.W, result.Classes, result.Dim);
        NpyWriter.WriteMatrix(Path.Combine(dir, "H.npy"), result.H, result.Labels.Length, result.Dim);
        if (result.B is not null) NpyWriter.WriteVector(Path.Combine(dir, "b.npy"), result.B);
        NpyWriter.WriteLabels(Path.Combine(dir, "labels.npy"), result.Labels);
        var json = SummaryJson(result, claims);
        AtomicFile.Write(Path.Combine(dir, "summary.json"), s => s.Write(Encoding.UTF8.GetBytes(json)));
        return new UfmRunReport(result, claims, dir, json);
    }

    /// <summary>summary.json: configuration, versions, run facts, final row (camelCase keys), SVM certificate, claim verdicts.</summary>
    public static string SummaryJson(UfmResult r, IReadOnlyList<ClaimResult> claims)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("tool", "collapse ufm");
            w.WriteStartObject("versions");
            w.WriteString("collapse", typeof(UfmRunner).Assembly.GetName().Version?.ToString(3) ?? "0");
            w.WriteString("theory", TheoryInfo.Version);
            w.WriteString("torchSharp", typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "?");
            w.WriteString("dotnet", Environment.Version.ToString());
            w.WriteEndObject();
            w.WritePropertyName("config");
            JsonSerializer.Serialize(w, r.Config, Checkpoint.JsonOptions);
            w.WriteNumber("seed", r.Config.Seed);
            w.WriteNumber("classes", r.Classes);
            w.WriteNumber("dim", r.Dim);
            w.WriteNumber("samples", r.Labels.Length);
            w.WriteStartArray("classCounts");
            foreach (var c in Enumerable.Range(0, r.Classes).Select(k => r.Labels.Count(y => y == k))) w.WriteNumberValue(c);
            w.WriteEndArray();
            w.WriteString("engine", r.Engine);
            w.WriteFiniteOrNull("stepSize", r.StepSize);
            w.WriteFiniteOrNull("smoothnessBound", r.SmoothnessBound);
            w.WriteNumber("stepsDone", r.StepsDone);
            w.WriteBoolean("completed", r.Completed);
            w.WriteFiniteOrNull("elapsedSeconds", r.ElapsedSeconds);
            w.WriteNumber("startStep", r.StartStep);
            w.WriteFiniteOrNull("stepsPerSecond", r.StepsPerSecond);
            if (r.Divergence is { } dv)
            {
                w.WriteStartObject("divergence");
                w.WriteNumber("step", dv.Step);
                w.WriteNumber("lastFiniteStep", dv.LastFiniteStep);
                w.WriteFiniteOrNull("loss", dv.Loss);
                w.WriteFiniteOrNull("normW", dv.NormW);
                w.WriteFiniteOrNull("normH", dv.NormH);
                w.WriteFiniteOrNull("normB", dv.NormB);
                w.WriteFiniteOrNull("stepSize", dv.StepSize);
                w.WriteFiniteOrNull("stableStepSize", dv.StableStepSize);
                w.WriteFiniteOrNull("defaultStepSize", dv.DefaultStepSize);
                w.WriteString("detail", dv.ToString());
                w.WriteEndObject();
            }
            else w.WriteNull("divergence");
            w.WriteStartObject("final");
            foreach (var (name, get) in TrajectoryRow.Columns)
                if (name == "step") w.WriteNumber(name, r.Final.Step);
                else w.WriteFiniteOrNull(name, get(r.Final));
            w.WriteStartObject("undefined");
            foreach (var (name, reason) in r.Final.Undefined) w.WriteString(name, reason);
            w.WriteEndObject();
            w.WriteEndObject();
            if (r.Svm is { } svm)
            {
                w.WriteStartObject("svm");
                w.WriteBoolean("bias", svm.Bias);
                w.WriteFiniteOrNull("dualityGap", svm.DualityGap);
                w.WriteFiniteOrNull("maxViolation", svm.MaxViolation);
                w.WriteBoolean("certified", svm.Certified);
                w.WriteString("solvedOn", r.Config.Mode == Model.UfmMode.FixedFeatures ? "fixed features" : "final features");
                w.WriteEndObject();
            }
            else w.WriteNull("svm");
            w.WriteStartArray("claims");
            foreach (var c in claims)
            {
                w.WriteStartObject();
                w.WriteString("claimId", c.ClaimId);
                w.WriteString("verdict", c.Verdict.Word());
                w.WriteFiniteOrNull("measured", c.Measured);
                w.WriteFiniteOrNull("expected", c.Expected);
                w.WriteFiniteOrNull("tolerance", c.Tolerance);
                w.WriteNumber("seed", c.Seed);
                w.WriteString("detail", c.Detail);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
