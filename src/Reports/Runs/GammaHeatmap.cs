using System.Globalization;
using Collapse.Reports.Rendering;

namespace Collapse.Reports.Runs;

/// <summary>
/// The heat map of the class-pair margins γ_kl of one run's last epoch (row k = true class, column l = competing
/// class; Gao et al. 2023 read the heterogeneity of γ_kl). Small K (≤ <see cref="ValueLabelMaxClasses"/>) prints every
/// value in its cell; the <see cref="WorstCount"/> smallest entries — the pairs closest to being confused — are
/// outlined, and for larger K labelled <c>k→l</c>.
/// </summary>
/// <param name="Title">Plot title.</param>
/// <param name="Matrix">The matrix.</param>
/// <param name="Worst">The smallest entries, smallest first.</param>
public sealed record GammaHeatmap(string Title, GammaMatrix Matrix, IReadOnlyList<GammaPair> Worst)
{
    /// <summary>Largest K whose cells carry their values.</summary>
    public const int ValueLabelMaxClasses = 12;

    /// <summary>Number of smallest entries outlined and listed.</summary>
    public const int WorstCount = 5;

    /// <summary>True when every cell is labelled with its value.</summary>
    public bool LabelValues => Matrix.Classes <= ValueLabelMaxClasses;

    /// <summary>One sentence under the plot.</summary>
    public string Caption
    {
        get
        {
            var text = "γ_kl = min over train samples i of class k of z_ik − z_il (row k: true class, column l: the competing class); negative where a sample of class k scores "
                + "class l higher. Diagonal undefined (grey).";
            if (Worst.Count > 0)
                text += string.Create(CultureInfo.InvariantCulture,
                    $" Outlined{(LabelValues ? "" : " and labelled k→l")}: the {Worst.Count} smallest; p_min = γ_{Worst[0].K},{Worst[0].L} = {ReportFormat.Number(Worst[0].Gamma)}.");
            return text;
        }
    }

    /// <summary>The heat map of <paramref name="run"/>'s γ_kl, or null when the run has no gamma.csv.</summary>
    public static GammaHeatmap? Of(RunData run, bool withLabel)
    {
        if (run.Gamma is not { } g) return null;
        var title = string.Create(CultureInfo.InvariantCulture, $"Class-pair margins γ_kl, epoch {g.Epoch}{(withLabel ? $" ({run.Label})" : "")}");
        return new GammaHeatmap(title, g, g.Worst(WorstCount));
    }
}
