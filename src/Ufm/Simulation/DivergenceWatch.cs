using Collapse.Theory.Numerics;
using Collapse.Ufm.Engine;

namespace Collapse.Ufm.Simulation;

/// <summary>
/// Finds the step at which a run stops being finite, cheaply. A state is <em>finite</em> when ‖W‖_F², ‖H‖_F² and
/// ‖b‖² are finite in float64 (so every entry is finite and no squared norm overflows, which the metrics need) and
/// the data loss is finite. The simulator checks the state at every logged step, before every checkpoint and every
/// <see cref="CheckEvery"/> steps, keeping the optimiser state of the last passing check; when a check fails it
/// replays from that state one step at a time (the engines are deterministic, so the replay retraces the run
/// bit-identically) to the first failing step T, and leaves the engine at T − 1.
/// </summary>
internal sealed class DivergenceWatch
{
    /// <summary>Steps between the periodic checks (each costs a copy of the state and a loss pass, about a third of a step).</summary>
    public const int CheckEvery = 64;

    private readonly IUfmEngine _engine;
    private readonly double[] _w, _h;
    private readonly double[]? _b;
    private EngineState _lastGood;

    /// <summary>Watches <paramref name="engine"/>, whose current state (step <paramref name="startStep"/>) is the first reference.</summary>
    public DivergenceWatch(IUfmEngine engine, int classes, int dim, int samples, bool bias, long startStep)
    {
        _engine = engine;
        _w = new double[classes * dim];
        _h = new double[samples * dim];
        _b = bias ? new double[classes] : null;
        _lastGood = engine.Export();
        LastGoodStep = startStep;
    }

    /// <summary>Step of the last state that passed a check.</summary>
    public long LastGoodStep { get; private set; }

    /// <summary>Whether a check is due after step <paramref name="step"/> was reached.</summary>
    public static bool Due(long step) => step % CheckEvery == 0;

    /// <summary>Checks the engine's current state; on success it becomes the reference for a later replay.</summary>
    public bool Check(long step)
    {
        var (ok, _, _, _, _) = Measure();
        if (ok) Accept(step);
        return ok;
    }

    /// <summary>Makes the engine's current state (already known to be finite) the reference.</summary>
    public void Accept(long step)
    {
        if (step == LastGoodStep) return;
        _lastGood = _engine.Export();
        LastGoodStep = step;
    }

    /// <summary>Whether the parameter blocks are finite with finite squared norms (no loss pass).</summary>
    public static bool Representable(double[] w, double[] h, double[]? b) =>
        double.IsFinite(SumOfSquares(w)) && double.IsFinite(SumOfSquares(h)) && (b is null || double.IsFinite(SumOfSquares(b)));

    /// <summary>
    /// A check failed at step <paramref name="failedAt"/>: replays from the last good state with <paramref name="step"/>
    /// (one optimiser step) and a check after each step, finds the first failing step T ≤ <paramref name="failedAt"/>,
    /// leaves the engine at T − 1 and returns T with the loss and norms seen there.
    /// </summary>
    public (long Step, double Loss, double NormW, double NormH, double NormB) Locate(long failedAt, Action step)
    {
        _engine.Import(_lastGood);
        var previous = _lastGood;
        var t = LastGoodStep;
        while (true)
        {
            step();
            t++;
            var (ok, loss, nw, nh, nb) = Measure();
            if (!ok || t >= failedAt)
            {
                _engine.Import(previous);
                return (t, loss, nw, nh, nb);
            }
            previous = _engine.Export();
        }
    }

    private (bool Ok, double Loss, double NormW, double NormH, double NormB) Measure()
    {
        _engine.Read(_w, _h, _b);
        double sw = SumOfSquares(_w), sh = SumOfSquares(_h), sb = _b is null ? 0.0 : SumOfSquares(_b);
        var loss = double.IsFinite(sw) && double.IsFinite(sh) && double.IsFinite(sb) ? _engine.DataLoss() : double.NaN;
        return (double.IsFinite(loss), loss, Math.Sqrt(sw), Math.Sqrt(sh), Math.Sqrt(sb));
    }

    private static double SumOfSquares(double[] a) => DenseKernels.SumOfSquares(a);
}
