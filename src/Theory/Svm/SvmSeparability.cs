using Google.OrTools.ModelBuilder;

namespace Collapse.Theory.Svm;

/// <summary>
/// Whether labelled features are linearly separable by a bias-free multi-class classifier: is there a W with
/// (w_{y_i} − w_j)·h_i ≥ 1 for all i and j ≠ y_i (equivalently &gt; 0, by scaling)? Exactly when the hard-margin SVM
/// of Crammer &amp; Singer (2001, JMLR 2) without bias has a solution. Decided by OR-Tools GLOP on the feasibility LP (no
/// quadratic term, so an LP solver's status is meaningful here).
/// </summary>
public static class SvmSeparability
{
    /// <summary>True iff some W satisfies every margin constraint.</summary>
    /// <exception cref="InputException">Malformed features or labels, K &lt; 2, or an empty class.</exception>
    /// <exception cref="InvalidOperationException">GLOP neither found a W nor proved infeasibility.</exception>
    public static bool IsSeparable(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, int classes)
    {
        SvmProblem.Validate(features, labels, classes, out var dim);
        // Separability does not depend on the scale; rescaling by a power of two keeps ‖h‖² in float64 (SvmPrescale).
        if (SvmPrescale.TryPrescale(features, dim, out var prescaled, out _)) return IsSeparable(SvmProblem.Create(prescaled, labels, classes));
        var problem = SvmProblem.Create(features, labels, classes);
        return IsSeparable(problem);
    }

    internal static bool IsSeparable(SvmProblem problem)
    {
        var output = OrToolsSvm.SolveFeasibility(problem);
        return output.Status switch
        {
            SolveStatus.OPTIMAL or SolveStatus.FEASIBLE => true,
            SolveStatus.INFEASIBLE => false,
            _ => throw new InvalidOperationException($"GLOP could not decide separability (status {output.Status})"),
        };
    }

    internal static InputException NotSeparable(string featuresName) => new(
        $"{featuresName}: the classes are not linearly separable by a bias-free multi-class classifier (no W has " +
        "(w_{y_i} - w_j)·h_i >= 1 for every sample i and class j != y_i), so the hard-margin SVM has no solution");
}
