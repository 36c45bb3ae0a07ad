using Collapse.Theory.Margins;
using Collapse.Theory.Numerics;

namespace Collapse.Theory.Metrics.SecondPass;

/// <summary>What pass 2 leaves over a class range: the totals, the pair statistics and (when kept) the γ rows.</summary>
public sealed class Pass2Result
{
    /// <summary>Creates an empty result for classes [lo, hi) of K.</summary>
    public Pass2Result(int classes, int lo, int hi, bool keepMatrix)
    {
        Classes = classes;
        ClassLo = lo;
        ClassHi = hi;
        Within = new NeumaierSum[hi - lo];
        if (keepMatrix)
        {
            Matrix = new double[classes, classes];
            for (var a = 0; a < classes; a++)
                for (var b = 0; b < classes; b++) Matrix[a, b] = double.NaN;
        }
    }

    /// <summary>K.</summary>
    public int Classes { get; }

    /// <summary>First class covered.</summary>
    public int ClassLo { get; }

    /// <summary>One past the last class covered.</summary>
    public int ClassHi { get; }

    /// <summary>Scalar totals.</summary>
    public SampleTotals Totals { get; } = new();

    /// <summary>Σ_{y_i=k} ‖h_i − μ_k‖² for k in [ClassLo, ClassHi) (two-pass, with the final means).</summary>
    public NeumaierSum[] Within { get; }

    /// <summary>Statistics of the covered γ rows.</summary>
    public ClassPairMarginStatisticsBuilder PairStatistics { get; set; } = new();

    /// <summary>K×K γ (rows outside the range NaN), or null when not kept.</summary>
    public double[,]? Matrix { get; }

    /// <summary>Merges the result of the next class range (call in class order).</summary>
    public void Merge(Pass2Result other)
    {
        Totals.Merge(other.Totals);
        for (var c = 0; c < other.Within.Length; c++) Within[other.ClassLo - ClassLo + c].Merge(other.Within[c]);
        PairStatistics.Merge(other.PairStatistics);
        if (Matrix is not null && other.Matrix is not null)
            for (var a = other.ClassLo; a < other.ClassHi; a++)
                for (var b = 0; b < Classes; b++) Matrix[a, b] = other.Matrix[a, b];
    }
}
