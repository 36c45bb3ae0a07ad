using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Collapse.LeSde.Analysis;
using Collapse.LeSde.Model;
using Collapse.LeSde.Simulation;
using Collapse.Theory;
using Collapse.Theory.IO;

namespace Collapse.LeSde.Output;

/// <summary>
/// The library side of <c>collapse lesde</c>: simulates a <see cref="LeSdeConfig"/>, measures a
/// <see cref="LeSdeSnapshot"/> at log-spaced times and writes DIR/trajectory.csv and DIR/summary.json (configuration,
/// versions, final values), each atomically; returns the plots for the caller to render. A run that diverges
/// (<see cref="LeSdeDivergence"/>) is a result: the files hold the logged rows before the divergence plus the last
/// finite step, and <see cref="LeSdeRunReport.Divergence"/> is set.
/// </summary>
public static class LeSdeRunner
{
    /// <summary>Runs <paramref name="config"/> into <paramref name="outputDirectory"/> (created if needed).</summary>
    /// <param name="config">The model.</param>
    /// <param name="outputDirectory">Output folder.</param>
    /// <param name="options">Logging options (defaults when null).</param>
    /// <param name="progress">Euler–Maruyama steps done, or null.</param>
    public static LeSdeRunReport Run(LeSdeConfig config, string outputDirectory, LeSdeRunOptions? options = null, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        options ??= new LeSdeRunOptions();
        config.Validate();
        var times = LeSdeSimulator.LogSpacedTimes(config.StartTime, config.EndTime, options.LogPoints);
        try { Directory.CreateDirectory(outputDirectory); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--out {outputDirectory}: cannot create the folder ({ex.Message})");
        }
        var clock = Stopwatch.StartNew();
        var rows = new List<LeSdeSnapshot>();
        void Measure(Simulation.LeSdeState state) => rows.Add(LeSdeObservables.Measure(state, config, options.Separability));
        var divergence = LeSdeSimulator.Run(config, times, Measure, progress, observeLastFinite: Measure);
        clock.Stop();
        LeSdeTrajectoryCsv.Write(Path.Combine(outputDirectory, "trajectory.csv"), rows);
        var json = SummaryJson(config, options, rows, clock.Elapsed.TotalSeconds, divergence);
        AtomicFile.Write(Path.Combine(outputDirectory, "summary.json"), s => s.Write(Encoding.UTF8.GetBytes(json)));
        return new LeSdeRunReport(config, rows, LeSdePlots.Of(rows, config), outputDirectory, json, clock.Elapsed.TotalSeconds) { Divergence = divergence };
    }

    /// <summary>
    /// summary.json: tool, versions, configuration (with the model's fixed choices spelled out), <c>completed</c>,
    /// <c>stepsDone</c>, <c>divergence</c> (null, or where the run diverged), and the final snapshot (of the last
    /// finite step after a divergence).
    /// </summary>
    public static string SummaryJson(LeSdeConfig config, LeSdeRunOptions options, IReadOnlyList<LeSdeSnapshot> rows, double elapsedSeconds,
        LeSdeDivergence? divergence = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rows);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("tool", "collapse lesde");
            w.WriteStartObject("versions");
            w.WriteString("collapse", typeof(LeSdeRunner).Assembly.GetName().Version?.ToString(3) ?? "0");
            w.WriteString("theory", TheoryInfo.Version);
            w.WriteString("dotnet", Environment.Version.ToString());
            w.WriteEndObject();
            w.WriteString("model", "dF̃_t = M_t F̄_t dt + σ dW_t (Euler–Maruyama); F̄ = class means of the representatives; Σ_t = σ²I; α_t = a·t^-p, β_t = b·t^-p");
            w.WriteStartObject("config");
            w.WriteNumber("classes", config.Classes);
            w.WriteNumber("dim", config.Dim);
            w.WriteNumber("perClass", config.PerClass);
            w.WriteNumber("alpha", config.Schedule.Intra);
            w.WriteNumber("beta", config.Schedule.Inter);
            w.WriteNumber("rateExponent", config.Schedule.Exponent);
            w.WriteString("rateClass", config.Schedule.RateClass);
            w.WriteString("transform", config.Transform.ToString().ToLowerInvariant());
            w.WriteNumber("noise", config.Noise);
            w.WriteNumber("t0", config.StartTime);
            w.WriteNumber("horizon", config.EndTime);
            w.WriteNumber("steps", config.Steps);
            w.WriteNumber("initSeparation", config.InitialSeparation);
            w.WriteNumber("initSpread", config.InitialSpread);
            w.WriteNumber("seed", config.Seed);
            w.WriteNumber("logPoints", options.LogPoints);
            w.WriteBoolean("separability", options.Separability);
            w.WriteEndObject();
            w.WriteNumber("elapsedSeconds", elapsedSeconds);
            w.WriteBoolean("completed", divergence is null);
            w.WriteNumber("stepsDone", divergence?.LastFiniteStep ?? config.Steps);
            if (divergence is null) w.WriteNull("divergence");
            else
            {
                w.WriteStartObject("divergence");
                w.WriteNumber("step", divergence.Step);
                w.WriteNumber("time", divergence.Time);
                w.WriteFiniteOrNull("norm", divergence.Norm); // null: ∞ or NaN, which "advice" and the error line name
                w.WriteNumber("lastFiniteStep", divergence.LastFiniteStep);
                w.WriteNumber("lastFiniteNorm", divergence.LastFiniteNorm);
                w.WriteNumber("growthExponent", divergence.GrowthExponent);
                w.WriteNumber("stepStability", divergence.StepStability);
                w.WriteNumber("stableSteps", divergence.StableSteps);
                w.WriteString("advice", divergence.Advice);
                w.WriteEndObject();
            }
            w.WriteStartObject("final");
            foreach (var (name, get) in LeSdeSnapshot.Columns) w.WriteFiniteOrNull(name, get(rows[^1]));
            w.WriteStartObject("undefined");
            foreach (var (name, reason) in rows[^1].Undefined) w.WriteString(name, reason);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
