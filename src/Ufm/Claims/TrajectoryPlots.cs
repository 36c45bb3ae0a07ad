using System.Globalization;
using System.Text;
using Collapse.Theory.Claims;
using Collapse.Ufm.Simulation;
using Collapse.Ufm.Trajectories;
using Collapse.Theory.IO;

namespace Collapse.Ufm.Claims;

/// <summary>
/// Builds the report plots of the UFM claims (<see cref="IClaim.CheckWithEvidence"/>) from logged trajectories: loss vs step,
/// margins, the distance to the SVM direction with its fitted a/ln t + c rate (Soudry et al. 2018, JMLR), NC metrics
/// (names of docs/conventions.md) vs step. Series keep only points a plot can draw: non-finite values are skipped, as
/// are values ≤ 0 on a log axis (step 0 on a log step axis), so every series is finite. Trajectories are log-spaced
/// checkpoints; at most <see cref="MaxPoints"/> of them are kept per series.
/// </summary>
public static class TrajectoryPlots
{
    /// <summary>Largest number of checkpoints kept per series (evenly in index, i.e. log-evenly in the step).</summary>
    public const int MaxPoints = 200;

    /// <summary>x-axis label of every trajectory plot.</summary>
    public const string StepLabel = "step t";

    /// <summary>
    /// One value of the trajectory against the step, from row <paramref name="from"/> on, keeping only the points a
    /// plot with the given log axes can draw.
    /// </summary>
    public static PlotSeries Series(string name, IReadOnlyList<TrajectoryRow> rows, Func<TrajectoryRow, double> value,
        bool logX, bool logY, int from = 0, SeriesStyle style = SeriesStyle.Line)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(value);
        var start = Math.Max(from, 0);
        var count = Math.Max(rows.Count - start, 0);
        var stride = count <= MaxPoints ? 1.0 : (count - 1) / (double)(MaxPoints - 1);
        var xs = new List<double>(Math.Min(count, MaxPoints));
        var ys = new List<double>(Math.Min(count, MaxPoints));
        var lastTaken = -1;
        for (var j = 0; j < Math.Min(count, MaxPoints); j++)
        {
            var i = start + (int)Math.Round(j * stride);
            if (i == lastTaken) continue;
            lastTaken = i;
            double x = rows[i].Step, y = value(rows[i]);
            if (Drawable(x, y, logX, logY)) { xs.Add(x); ys.Add(y); }
        }
        return new PlotSeries(name, xs, ys) { Style = style };
    }

    /// <summary>
    /// Whether a logarithmic value axis suits <paramref name="values"/>: every finite value is positive, there are at
    /// least two, and they span at least two decades (max/min ≥ 100).
    /// </summary>
    public static bool LogScaleFits(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double lo = double.PositiveInfinity, hi = 0;
        var n = 0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            if (v <= 0) return false;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
            n++;
        }
        return n >= 2 && hi / lo >= 100;
    }

    /// <summary>
    /// Mean loss F vs step on log–log axes, one curve per run. When the loss underflowed to 0 somewhere (terminal phase
    /// of training), plots log₁₀ F from the log-domain <see cref="TrajectoryRow.LogLoss"/> on a linear axis instead.
    /// </summary>
    public static PlotSpec Loss(IReadOnlyList<(string Name, IReadOnlyList<TrajectoryRow> Rows)> runs, string caption)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var underflow = runs.Any(run => run.Rows.Any(r => !(r.Loss > 0) && double.IsFinite(r.LogLoss)));
        var series = underflow
            ? runs.Select(run => Series(run.Name, run.Rows, r => r.LogLoss / Math.Log(10), logX: true, logY: false)).ToList()
            : runs.Select(run => Series(run.Name, run.Rows, r => r.Loss, logX: true, logY: true)).ToList();
        return underflow
            ? new PlotSpec("Loss vs step", StepLabel, "log₁₀ F (from log F; F underflows)", true, false, series) { Caption = caption }
            : new PlotSpec("Loss vs step", StepLabel, "mean loss F", true, true, series) { Caption = caption };
    }

    /// <summary>Mean loss F of one run vs step (see <see cref="Loss(IReadOnlyList{ValueTuple{string, IReadOnlyList{TrajectoryRow}}}, string)"/>).</summary>
    public static PlotSpec Loss(IReadOnlyList<TrajectoryRow> rows, string caption) => Loss([("F", rows)], caption);

    /// <summary>The fitted curve y = a/ln t + c (<see cref="RateFit.InverseLog"/>) at the steps t ≥ 2 of <paramref name="rows"/> from <paramref name="from"/>.</summary>
    public static PlotSeries InverseLogFit(RateFit fit, IReadOnlyList<TrajectoryRow> rows, int from, bool logY)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return Series("fit a/ln t + c", rows, r => r.Step >= 2 ? fit.A / Math.Log(r.Step) + fit.C : double.NaN, true, logY, from, SeriesStyle.Dashed);
    }

    /// <summary>The fitted curve y = a·ln t + c (<see cref="RateFit.Log"/>) at the steps t ≥ 1 of <paramref name="rows"/> from <paramref name="from"/>.</summary>
    public static PlotSeries LogFit(RateFit fit, IReadOnlyList<TrajectoryRow> rows, int from, bool logY)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return Series("fit α ln t + β", rows, r => r.Step >= 1 ? fit.A * Math.Log(r.Step) + fit.C : double.NaN, true, logY, from, SeriesStyle.Dashed);
    }

    /// <summary>A horizontal dashed reference line y = <paramref name="y"/> across the steps of <paramref name="rows"/> (first positive step to the last).</summary>
    public static PlotSeries Level(string name, double y, IReadOnlyList<TrajectoryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var first = rows.FirstOrDefault(r => r.Step > 0)?.Step ?? 1;
        var last = rows.Count > 0 ? Math.Max(rows[^1].Step, first) : first;
        return double.IsFinite(y) ? new PlotSeries(name, [first, last], [y, y]) { Style = SeriesStyle.Dashed } : new PlotSeries(name, [], []) { Style = SeriesStyle.Dashed };
    }

    /// <summary>
    /// The neural-collapse metrics nc1, nc3, equiangularity and etfGramError (docs/conventions.md; Papyan, Han, Donoho
    /// 2020, PNAS) vs step on log–log axes, with optional dashed threshold lines and the separability marker.
    /// </summary>
    public static PlotSpec NcMetrics(IReadOnlyList<TrajectoryRow> rows, string caption, IReadOnlyList<(string Name, double Value)>? levels = null,
        IReadOnlyList<(string Name, Func<TrajectoryRow, double> Value)>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var series = new List<PlotSeries>
        {
            Series("nc1", rows, r => r.Nc1, true, true),
            Series("nc3", rows, r => r.Nc3, true, true),
            Series("equiangularity", rows, r => r.Equiangularity, true, true),
            Series("etfGramError", rows, r => r.EtfGramError, true, true),
        };
        foreach (var (name, value) in extra ?? []) series.Add(Series(name, rows, value, true, true));
        // Equal thresholds share one dashed line (drawn twice, the second would hide the first).
        foreach (var group in (levels ?? []).Where(l => l.Value > 0).GroupBy(l => l.Value))
            series.Add(Level($"{string.Join(" = ", group.Select(l => l.Name))} = {Num(group.Key)}", group.Key, rows));
        return new PlotSpec("Neural-collapse metrics vs step", StepLabel, "metric", true, true, NonEmpty(series))
        {
            Markers = SeparabilityMarker(rows),
            Caption = caption,
        };
    }

    /// <summary>The vertical marker at the first checkpoint with p_min &gt; 0 (all samples correct), or none.</summary>
    public static IReadOnlyList<PlotMarker> SeparabilityMarker(IReadOnlyList<TrajectoryRow> rows)
    {
        var sep = TrajectoryView.FirstSeparable(rows);
        return sep >= 0 && rows[sep].Step > 0 ? [new PlotMarker(rows[sep].Step, $"separable (p_min > 0) at t={Num(rows[sep].Step)}")] : [];
    }

    /// <summary>The series that have at least one point.</summary>
    public static IReadOnlyList<PlotSeries> NonEmpty(IEnumerable<PlotSeries> series) => series.Where(s => s.X.Count > 0).ToList();

    /// <summary>The plots that have at least one point to draw.</summary>
    public static IReadOnlyList<PlotSpec> Drawable(IEnumerable<PlotSpec> plots) => plots.Where(p => p.Series.Any(s => s.X.Count > 0)).ToList();

    /// <summary>
    /// Multi-line falsifying-instance text for a failing UFM claim: the configuration of every run (enough to replay
    /// it with <c>collapse ufm</c>) and the violated conditions with both sides.
    /// </summary>
    public static string Falsifying(IEnumerable<UfmResult> runs, IEnumerable<string> violations)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(violations);
        var sb = new StringBuilder();
        foreach (var r in runs)
        {
            var c = r.Config;
            sb.AppendLine(CultureInfo.InvariantCulture, $"run: mode {c.Mode}, loss {c.Loss}, schedule {c.Schedule}, engine {r.Engine}");
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"  seed {c.Seed}, classes {r.Classes}, dim {r.Dim}, samples {r.Labels.Length} ({c.PerClass} per majority class, imbalance {Num(c.Imbalance)})");
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"  steps {Num(c.Steps)} (done {Num(r.StepsDone)}), step size η {Num(r.StepSize)}, momentum {Num(c.Momentum)}, init scale {Num(c.InitScale)}");
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"  λ_W {Num(c.LambdaW)}, λ_H {Num(c.LambdaH)}, λ_b {Num(c.LambdaB)}, bias {(c.Bias ? "yes" : "no")}, precision {c.Precision}");
        }
        sb.AppendLine("violated:");
        foreach (var v in violations) sb.Append("  ").AppendLine(v);
        return sb.ToString().TrimEnd();
    }

    /// <summary>A number in the display form (<see cref="NumberFormat.Display"/>).</summary>
    internal static string Num(double v) => NumberFormat.Display(v);

    private static bool Drawable(double x, double y, bool logX, bool logY) =>
        double.IsFinite(x) && double.IsFinite(y) && (!logX || x > 0) && (!logY || y > 0);
}
