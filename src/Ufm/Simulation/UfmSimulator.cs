using System.Diagnostics;
using Collapse.Theory;
using Collapse.Theory.Numerics;
using Collapse.Ufm.Engine;
using Collapse.Ufm.Model;
using Collapse.Ufm.Trajectories;

namespace Collapse.Ufm.Simulation;

/// <summary>
/// Runs full-batch gradient descent (optionally heavy-ball momentum, optionally the loss-normalized schedule) on the
/// UFM objective of docs/ufm.md and records the trajectory at log-spaced steps. Deterministic: the same configuration
/// gives bit-identical trajectories, and a run resumed from a checkpoint equals the uninterrupted one.
/// </summary>
public static class UfmSimulator
{
    /// <summary>Runs the configuration from its generated or loaded data.</summary>
    public static UfmResult Run(UfmConfig config, UfmRunOptions? options = null) => Run(config, UfmData.Create(config), options);

    /// <summary>Runs the configuration on explicit data (its features/classifier are the fixed blocks or the initialisation).</summary>
    public static UfmResult Run(UfmConfig config, UfmData data, UfmRunOptions? options = null)
    {
        config.Validate();
        if (config.Mode == UfmMode.FixedEtf && data.Dim < data.Classes - 1)
            throw new InputException($"--dim {data.Dim}: a simplex ETF of {data.Classes} classes needs d ≥ {data.Classes - 1}");
        var bound = StepSize.SmoothnessBound(config, data);
        var b = config.Bias ? new double[data.Classes] : null;
        var setup = Setup(config, data.Classes, data.Dim, data.Labels, data.Classifier, data.Features, b);
        using var engine = CreateEngine(config, setup);
        var reference = config.Schedule == StepSchedule.Normalized ? engine.DataLoss() : double.NaN;
        var eta = config.Schedule == StepSchedule.Normalized
            ? StepSize.NormalizedBase(config, data, reference)
            : config.LearningRate ?? 1.0 / bound;
        var svm = config.Mode == UfmMode.FixedFeatures && WantsSvm(config, data.Classes, data.Dim, data.Samples)
            ? SvmSolver.TrySolve(data.Features, data.Labels, data.Classes, data.Dim, config.Bias) : null;
        options ??= UfmRunOptions.None;
        var defaultEta = config.Schedule == StepSchedule.Normalized
            ? StepSize.NormalizedBase(config with { LearningRate = null }, data, reference)
            : 1.0 / bound;
        var stable = StepSize.StableLimit(config, defaultEta);
        if (config.LearningRate is { } lr && lr > stable)
            options.Warning?.Invoke(StepSize.AboveLimitWarning(config, lr, stable, defaultEta));
        var checkpoint = new Checkpoint(config, data.Classes, data.Dim, data.Labels, 0, eta, bound, reference,
            engine.Export(), [], [], svm, options.CheckpointEvery);
        return Continue(checkpoint, engine, options, (stable, defaultEta));
    }

    /// <summary>
    /// Continues a run from a checkpoint file written by <see cref="UfmRunOptions.CheckpointPath"/>. Without an explicit
    /// <see cref="UfmRunOptions.CheckpointEvery"/>, checkpoints continue at the stored interval into the same file.
    /// </summary>
    public static UfmResult Resume(string checkpointPath, UfmRunOptions? options = null)
    {
        if (!File.Exists(checkpointPath)) throw new InputException($"--resume {checkpointPath}: no checkpoint file");
        var cp = Checkpoint.Read(checkpointPath);
        options ??= UfmRunOptions.None;
        if (options.CheckpointEvery == 0 && cp.CheckpointEvery > 0)
            options = options with { CheckpointEvery = cp.CheckpointEvery, CheckpointPath = options.CheckpointPath ?? checkpointPath };
        var s = cp.State;
        var setup = Setup(cp.Config, cp.Classes, cp.Dim, cp.Labels, s.W, s.H, s.B);
        var engine = CreateEngine(cp.Config, setup);
        using (engine)
        {
            engine.Import(s);
            // The loss-normalized default needs the initial data, which a checkpoint does not keep: known only when η was the default.
            var defaultEta = cp.Config.Schedule == StepSchedule.Normalized
                ? cp.Config.LearningRate is null ? cp.StepSize : double.NaN
                : 1.0 / cp.SmoothnessBound;
            return Continue(cp, engine, options, (StepSize.StableLimit(cp.Config, defaultEta), defaultEta));
        }
    }

    private static EngineSetup Setup(UfmConfig c, int k, int d, int[] labels, double[] w, double[] h, double[]? b) =>
        new(k, d, labels, w, h, b, c.Loss, c.Mode != UfmMode.FixedEtf, c.Mode != UfmMode.FixedFeatures,
            c.LambdaW, c.LambdaH, c.LambdaB, c.Momentum, c.Precision, c.Device);

    /// <summary>
    /// Which engine <see cref="UfmEngineKind.Auto"/> picks: the fused managed kernel on the CPU (faster than the
    /// TorchSharp GEMM formulation at every size measured, from K·d·N = 7.5e3 to 2.6e7, see docs/ufm.md), TorchSharp on CUDA.
    /// </summary>
    public static UfmEngineKind ResolveEngine(UfmConfig config) =>
        config.Engine != UfmEngineKind.Auto ? config.Engine : config.Device == "cpu" ? UfmEngineKind.Managed : UfmEngineKind.Torch;

    internal static IUfmEngine CreateEngine(UfmConfig config, EngineSetup setup) => CreateEngine(ResolveEngine(config), setup);

    internal static IUfmEngine CreateEngine(UfmEngineKind kind, EngineSetup setup) => kind switch
    {
        UfmEngineKind.Managed when setup.Precision == UfmPrecision.Float32 => new ManagedEngine<float, SingleOps>(setup),
        UfmEngineKind.Managed => new ManagedEngine<double, DoubleOps>(setup),
        _ => new TorchEngine(setup),
    };

    private static UfmResult Continue(Checkpoint cp, IUfmEngine engine, UfmRunOptions options, (double Stable, double Default) limits)
    {
        var config = cp.Config;
        int k = cp.Classes, d = cp.Dim, n = cp.Labels.Length;
        var data = new UfmData(k, d, cp.Labels, cp.State.H, cp.State.W);
        var recorder = new TrajectoryRecorder(config, data);
        var logSteps = LogSchedule.Steps(config.Steps, config.LogPointsPerDecade);
        var rows = new List<TrajectoryRow>(cp.Rows);
        var snapshots = new List<double[]>(cp.Snapshots);
        var nextLog = Array.FindIndex(logSteps, s => s >= cp.Step);
        var w = new double[k * d];
        var h = new double[n * d];
        var b = config.Bias ? new double[k] : null;
        var normalized = config.Schedule == StepSchedule.Normalized;
        var eta = cp.StepSize;
        var reference = cp.ReferenceLoss;
        Func<double, double> schedule = normalized ? loss => eta * reference / loss : _ => eta;
        var progressEvery = Math.Max(1, config.Steps / 200);
        var stop = options.StopAfter ?? config.Steps;
        var watch = Stopwatch.StartNew();
        var t = cp.Step;
        var divergenceWatch = new DivergenceWatch(engine, k, d, n, config.Bias, t);
        UfmDivergence? divergence = null;
        void Record(long step)
        {
            var row = recorder.Record(step, eta, w, h, b);
            rows.Add(normalized ? row with { StepSize = eta * Math.Exp(Math.Log(reference) - row.LogLoss) } : row);
            snapshots.Add(SvmReference.Stack((double[])w.Clone(), b is null ? null : (double[])b.Clone(), k, d));
        }
        void Diverged(long failedAt)
        {
            if (failedAt <= divergenceWatch.LastGoodStep)
                throw new InputException($"the starting state of the run at step {failedAt} is not finite (a squared norm or the loss overflows float64): check --features and --init-scale");
            var (step, loss, nw, nh, nb) = divergenceWatch.Locate(failedAt, () => engine.Step(schedule, normalized));
            divergence = new UfmDivergence(step, loss, nw, nh, nb, eta, limits.Stable, limits.Default);
            t = step - 1;
            engine.Read(w, h, b);
            if (rows.Count == 0 || rows[^1].Step < t) Record(t);
        }
        for (; ; t++)
        {
            if (nextLog >= 0 && nextLog < logSteps.Length && logSteps[nextLog] == t && (rows.Count == 0 || rows[^1].Step < t))
            {
                engine.Read(w, h, b);
                if (!DivergenceWatch.Representable(w, h, b)) { Diverged(t); break; }
                Record(t);
                if (!double.IsFinite(rows[^1].Loss))
                {
                    rows.RemoveAt(rows.Count - 1);
                    snapshots.RemoveAt(snapshots.Count - 1);
                    Diverged(t);
                    break;
                }
                divergenceWatch.Accept(t);
                nextLog++;
            }
            if (t >= config.Steps || t >= stop || options.Cancellation.IsCancellationRequested) break;
            engine.Step(schedule, normalized);
            var checkpointDue = options.CheckpointPath is not null && options.CheckpointEvery > 0 && (t + 1) % options.CheckpointEvery == 0;
            if ((checkpointDue || DivergenceWatch.Due(t + 1)) && !divergenceWatch.Check(t + 1)) { Diverged(t + 1); break; }
            if (checkpointDue)
                new Checkpoint(config, k, d, cp.Labels, t + 1, eta, cp.SmoothnessBound, reference, engine.Export(), rows, snapshots, cp.Svm, options.CheckpointEvery)
                    .Write(options.CheckpointPath!);
            if ((t + 1) % progressEvery == 0) options.Progress?.Report(t + 1);
        }
        watch.Stop();
        engine.Read(w, h, b);

        var svm = cp.Svm;
        var done = t >= config.Steps && divergence is null;
        if (done && config.Mode != UfmMode.FixedFeatures && WantsSvm(config, k, d, n))
            svm = SvmSolver.TrySolve(h, cp.Labels, k, d, config.Bias);
        if (svm is not null)
        {
            var residual = config.Mode == UfmMode.FixedFeatures;
            for (var i = 0; i < rows.Count; i++)
            {
                var snap = snapshots[i];
                var (ws, bs) = Split(snap, k, d, config.Bias);
                rows[i] = TrajectoryRecorder.WithSvm(rows[i], ws, bs, svm, residual);
            }
        }
        var result = new UfmResult(config, k, d, cp.Labels, rows, w, h, b, eta, cp.SmoothnessBound, engine.Name, svm, t, watch.Elapsed.TotalSeconds, cp.Step)
        {
            Divergence = divergence,
        };
        if (divergence is not null && !options.ReturnDiverged) throw new UfmDivergedException(result);
        return result;
    }

    /// <summary>Whether the run solves the reference SVM (CE only; see <see cref="SvmPolicy"/>).</summary>
    public static bool WantsSvm(UfmConfig config, int classes, int dim, int samples) =>
        config.Loss == UfmLoss.CrossEntropy && config.Svm switch
        {
            SvmPolicy.Always => true,
            SvmPolicy.Never => false,
            _ => classes * (dim + 1) <= 1500 && samples <= 5000,
        };

    private static (double[] W, double[]? B) Split(double[] stacked, int k, int d, bool bias)
    {
        if (!bias) return (stacked, null);
        var w = new double[k * d];
        var b = new double[k];
        for (var c = 0; c < k; c++)
        {
            Array.Copy(stacked, c * (d + 1), w, c * d, d);
            b[c] = stacked[c * (d + 1) + d];
        }
        return (w, b);
    }
}
