namespace Collapse.Ufm.Trajectories;

/// <summary>Solves the reference SVM through Collapse.Theory.Svm (pending: the solver lands on main from branch svm).</summary>
internal static class SvmSolver
{
    public static SvmReference? TrySolve(double[] features, int[] labels, int classes, int dim, bool bias) => null;
}
