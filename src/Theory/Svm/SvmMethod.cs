namespace Collapse.Theory.Svm;

/// <summary>Which algorithm solves the multi-class hard-margin SVM (see <c>docs/svm.md</c>).</summary>
public enum SvmMethod
{
    /// <summary>
    /// Our own active-set method (the default): the SVM is a least-distance program, solved exactly by the
    /// Lawson–Hanson NNLS algorithm (Lawson &amp; Hanson 1974, <i>Solving Least Squares Problems</i>, ch. 23), followed by
    /// the KKT polish. Finite, exact up to rounding, and it detects non-separable data by itself.
    /// </summary>
    ActiveSet,

    /// <summary>
    /// OR-Tools PDLP, the first-order primal–dual hybrid gradient QP solver (Applegate et al. 2021, "Practical
    /// large-scale linear programming using primal-dual hybrid gradient", NeurIPS), on the quadratic objective,
    /// followed by the KKT polish on the active set PDLP identifies (unless polishing is switched off).
    /// </summary>
    Pdlp,
}
