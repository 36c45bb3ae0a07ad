using System.Globalization;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Runs;

/// <summary>
/// The per-epoch panels of the run report, after the figures of Papyan, Han and Donoho (2020, PNAS 117(40),
/// "Prevalence of neural collapse during the terminal phase of deep learning training"): accuracy with the TPT start,
/// loss, NC1 (with the trace ratio of Tirer, Huang and Niles-Weed 2023), NC2 equinorm and equiangularity, NC3, NC4,
/// then p_min, the normalised margin and, when measured, the distance to the SVM direction. Metrics are those of the
/// train features (docs/conventions.md). Several runs overlay: one colour per run, the second quantity of a panel
/// dashed, and each run's TPT start as a dotted line in its colour.
/// </summary>
public static class RunPanels
{
    /// <summary>How a panel's y axis is scaled.</summary>
    public enum Scale
    {
        /// <summary>Always linear (accuracies, margins that can be negative).</summary>
        Linear,
        /// <summary>Always logarithmic (quantities that decay over decades: loss, NC1).</summary>
        Log,
        /// <summary>Logarithmic when every drawn value is positive and they span at least a factor of 10.</summary>
        Auto,
    }

    /// <summary>One quantity of a panel: an epochs.csv column and its legend text.</summary>
    /// <param name="Column">Column of epochs.csv.</param>
    /// <param name="Legend">Legend text.</param>
    public sealed record Quantity(string Column, string Legend);

    /// <summary>A panel: title, y label, quantities, scale and caption.</summary>
    /// <param name="Key">Stable id (file names, JSON).</param>
    /// <param name="Title">Plot title.</param>
    /// <param name="YLabel">y-axis label.</param>
    /// <param name="Quantities">One or two quantities (the second drawn dashed).</param>
    /// <param name="Scale">y-axis scaling.</param>
    /// <param name="Caption">What the panel shows, with the definitions.</param>
    public sealed record Panel(string Key, string Title, string YLabel, IReadOnlyList<Quantity> Quantities, Scale Scale, string Caption);

    /// <summary>Every panel of the report, in order; panels without data in any run are left out of the report.</summary>
    public static IReadOnlyList<Panel> All { get; } =
    [
        new("accuracy", "Accuracy", "accuracy", [new("trainAccuracy", "train"), new("testAccuracy", "test")], Scale.Linear,
            "Fraction of samples classified correctly. The dotted line marks the TPT start t₀, the first epoch with 100% train accuracy, where the terminal phase of training "
                + "begins (Papyan, Han & Donoho 2020)."),
        new("loss", "Cross-entropy loss", "CE", [new("trainLoss", "train"), new("testLoss", "test")], Scale.Log,
            "Mean cross-entropy of the network's own last layer on the train and test sets."),
        new("nc1", "NC1: within-class variability collapse", "NC1", [new("trainNc1", "Tr(Σ_W Σ_B⁺)/K"), new("trainNc1TraceRatio", "Tr Σ_W / Tr Σ_B")], Scale.Log,
            "nc1 = (1/K) Tr(Σ_W Σ_B⁺) of the train features (Papyan et al. 2020; Σ_B⁺ of rank ≤ K−1) and the trace ratio Tr Σ_W / Tr Σ_B (Tirer, Huang & Niles-Weed 2023), which "
                + "also sees within-class spread orthogonal to the class means. Both → 0 under collapse."),
        new("equinorm", "NC2: equinorm", "std / mean of the norms",
            [new("trainEquinormMeans", "class means ‖μ_k − μ_G‖"), new("trainEquinormClassifier", "classifier rows ‖w_k‖")], Scale.Auto,
            "Coefficient of variation of the norms of the centred class means and of the classifier rows (Papyan et al. 2020); → 0 as they become equinorm."),
        new("equiangularity", "NC2: equiangularity", "|cos(μ_k, μ_l) + 1/(K−1)|", [new("trainEquiangularity", "mean over pairs"), new("trainMaxAngle", "max over pairs")], Scale.Auto,
            "Mean (Papyan et al. 2020) and worst pair of |cos∠(μ_k − μ_G, μ_l − μ_G) + 1/(K−1)|; both → 0 as the centred means approach a simplex ETF."),
        new("nc3", "NC3: convergence to self-duality", "‖W/‖W‖ − M/‖M‖‖²_F", [new("trainNc3", "nc3")], Scale.Auto,
            "Squared Frobenius distance between the normalised classifier and the normalised centred class means (Papyan et al. 2020); → 0 as the last layer aligns with the means."),
        new("nc4", "NC4: simplification to nearest class centre", "fraction of train samples", [new("trainNc4", "NC4 mismatch"), new("trainNccAccuracy", "NCC accuracy")], Scale.Linear,
            "NC4: fraction of train samples on which the network's decision differs from the nearest class centre (Papyan et al. 2020); NCC accuracy: fraction the nearest class "
                + "centre classifies correctly."),
        new("pmin", "Minimum margin p_min", "p_min", [new("trainMinMargin", "p_min")], Scale.Linear,
            "p_min = min over train samples of z_iy − max_{j≠y} z_ij; positive exactly when every train sample is classified correctly, and growing in the terminal phase."),
        new("normalizedMargin", "Normalised margin", "p_min / (‖W‖_F · max‖h_i‖)", [new("trainNormalizedMargin", "normalised margin")], Scale.Linear,
            "p_min divided by ‖W‖_F · max_i ‖h_i‖ (bias-free), invariant to rescaling W or the features: "
            + "the margin the CE-trained direction approaches towards the max-margin (SVM) solution."),
        new("svm", "Distance to the SVM direction", "svmDistance", [new("svmDistance", "svmDistance")], Scale.Auto,
            "‖[W b]/‖[W b]‖_F − W_svm/‖W_svm‖_F‖_F, in [0, 2]: distance of the normalised last layer to the normalised certified multi-class SVM of the train features (bias-free "
                + "for a fixed classifier), the direction gradient descent on CE approaches on separable features (Soudry et al. 2018). Epochs at 100% train accuracy with a "
                    + "certified SVM only (docs/deep-validation.md)."),
    ];

    /// <summary>The built panels, and the panels left out because no run has data for them.</summary>
    /// <param name="Plots">One plot per panel with data, in <see cref="All"/> order.</param>
    /// <param name="Keys">The <see cref="Panel.Key"/> of each plot.</param>
    /// <param name="Omitted">Titles of the panels without data, with the columns they need.</param>
    public sealed record Built(IReadOnlyList<PlotSpec> Plots, IReadOnlyList<string> Keys, IReadOnlyList<string> Omitted);

    /// <summary>Builds the panels for <paramref name="runs"/> (one run, or several overlaid).</summary>
    public static Built Build(IReadOnlyList<RunData> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var plots = new List<PlotSpec>();
        var keys = new List<string>();
        var omitted = new List<string>();
        foreach (var panel in All)
        {
            if (!runs.Any(r => panel.Quantities.Any(q => r.Epochs.HasValues(q.Column))))
            {
                omitted.Add($"{panel.Title} (no values in {string.Join(", ", panel.Quantities.Select(q => q.Column))})");
                continue;
            }
            plots.Add(Plot(panel, runs));
            keys.Add(panel.Key);
        }
        return new Built(plots, keys, omitted);
    }

    /// <summary>The plot of one panel.</summary>
    public static PlotSpec Plot(Panel panel, IReadOnlyList<RunData> runs)
    {
        var several = runs.Count > 1;
        var series = new List<PlotSeries>();
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            for (var q = 0; q < panel.Quantities.Count; q++)
            {
                var quantity = panel.Quantities[q];
                if (run.Epochs.Column(quantity.Column) is not { } values || !values.Any(double.IsFinite)) continue;
                var (x, y) = Measured(run.Epochs.Epochs, values);
                var name = !several ? quantity.Legend
                    : panel.Quantities.Count == 1 ? run.Label : $"{run.Label} · {quantity.Legend}";
                series.Add(new PlotSeries(name, x, y)
                {
                    Style = q == 0 ? SeriesStyle.Line : SeriesStyle.Dashed,
                    ColorSlot = several ? r : q,
                });
            }
        }
        var markers = new List<PlotMarker>();
        for (var r = 0; r < runs.Count; r++)
            if (runs[r].TptStart is int t0)
                markers.Add(new PlotMarker(t0, string.Create(CultureInfo.InvariantCulture, $"{(several ? runs[r].Label + ": " : "")}TPT start t₀ = {t0}"))
                {
                    ColorSlot = several ? r : null,
                });
        var notReached = runs.Where(r => r.TptStart is null).Select(r => r.Label).ToList();
        var caption = panel.Caption + (notReached.Count == 0 ? ""
            : notReached.Count == runs.Count && !several ? " The run never reached 100% train accuracy (no TPT start)."
            : $" Never reached 100% train accuracy: {string.Join(", ", notReached)}.");
        return new PlotSpec(panel.Title, "epoch", panel.YLabel, LogX: false, LogY: UseLog(panel.Scale, series), series)
        {
            Markers = markers,
            Caption = caption,
        };
    }

    private static bool UseLog(Scale scale, IReadOnlyList<PlotSeries> series)
    {
        if (scale != Scale.Auto) return scale == Scale.Log;
        double lo = double.PositiveInfinity, hi = 0;
        foreach (var s in series)
            foreach (var y in s.Y)
            {
                if (!double.IsFinite(y)) continue;
                if (!(y > 0)) return false;
                lo = Math.Min(lo, y);
                hi = Math.Max(hi, y);
            }
        return hi >= 10 * lo;
    }

    /// <summary>The measured epochs (empty cells, read as NaN, are epochs without a measurement; ±∞ is kept and counted as not drawn).</summary>
    private static (double[] X, double[] Y) Measured(IReadOnlyList<int> epochs, IReadOnlyList<double> values)
    {
        var x = new List<double>(epochs.Count);
        var y = new List<double>(epochs.Count);
        for (var i = 0; i < epochs.Count; i++)
        {
            if (double.IsNaN(values[i])) continue;
            x.Add(epochs[i]);
            y.Add(values[i]);
        }
        return (x.ToArray(), y.ToArray());
    }
}
