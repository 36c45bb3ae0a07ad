namespace Collapse.Ufm.Model;

/// <summary>Whether a run solves the reference multiclass SVM for the svmDirectionDistance/svmResidual columns.</summary>
public enum SvmPolicy
{
    /// <summary>Solve it when the problem is small enough for the certified active-set solver to be quick: K·(d+1) ≤ 1500
    /// unknowns and N ≤ 5000 (measured: K=10, d=128, N=1000 takes seconds; d=512 minutes).</summary>
    Auto,
    /// <summary>Always solve it (CE runs).</summary>
    Always,
    /// <summary>Never solve it (SVM columns are NaN).</summary>
    Never,
}
