using System.Globalization;
using Google.OrTools.ModelBuilder;
using Google.Protobuf;
using OperationsResearch;

namespace Collapse.Theory.Svm;

/// <summary>
/// The SVM (or its feasibility LP) as an OR-Tools <see cref="MPModelProto"/>, solved through ModelBuilder. The model is
/// written to a temporary binary proto file and loaded with <see cref="Model.ImportFromFile"/>, the one ModelBuilder
/// entry point that accepts a quadratic objective. Only PDLP honours <c>quadratic_objective</c>: GLOP and HiGHS drop it
/// silently and still report OPTIMAL, so this class only ever hands PDLP the quadratic model and GLOP the pure LP.
/// </summary>
internal static class OrToolsSvm
{
    /// <summary>Raw solver output on the scaled problem.</summary>
    /// <param name="Status">The solver's status (never trusted alone: the certificate decides).</param>
    /// <param name="HasSolution">Whether primal and dual values were returned.</param>
    /// <param name="WScaled">Primal values, row-major K×d.</param>
    /// <param name="LambdaScaled">Dual values in N×K slots.</param>
    internal sealed record Output(SolveStatus Status, bool HasSolution, double[] WScaled, double[] LambdaScaled);

    /// <summary>PDLP on min ½||W||² s.t. A W ≥ 1.</summary>
    public static Output SolvePdlp(SvmProblem p, double tolerance, double timeLimitSeconds)
    {
        var eps = tolerance.ToString("R", CultureInfo.InvariantCulture);
        var limit = timeLimitSeconds.ToString("R", CultureInfo.InvariantCulture);
        var parameters = $"termination_criteria {{ simple_optimality_criteria {{ eps_optimal_relative: {eps} eps_optimal_absolute: {eps} }} time_sec_limit: {limit} }} num_threads: 1";
        return Run(p, quadratic: true, "pdlp", parameters);
    }

    /// <summary>GLOP on the feasibility LP: find W with A W ≥ 1 (zero objective).</summary>
    public static Output SolveFeasibility(SvmProblem p) => Run(p, quadratic: false, "glop", null);

    private static Output Run(SvmProblem p, bool quadratic, string solverName, string? parameters)
    {
        var proto = Build(p, quadratic);
        var path = Path.GetTempFileName();
        try
        {
            using (var stream = File.Create(path)) proto.WriteTo(stream);
            var model = new Model();
            try
            {
                if (!model.ImportFromFile(path)) throw new InvalidOperationException($"OR-Tools could not load the SVM model for {solverName}");
                var solver = new Solver(solverName);
                if (!solver.SolverIsSupported()) throw new InvalidOperationException($"OR-Tools solver '{solverName}' is not available");
                if (parameters is not null) solver.SetSolverSpecificParameters(parameters);
                var status = solver.Solve(model);
                var w = new double[p.Unknowns];
                var lambda = new double[p.Slots];
                // A time-limited PDLP run still returns its last iterate: worth polishing.
                var hasSolution = status is SolveStatus.OPTIMAL or SolveStatus.FEASIBLE || solver.HasSolution();
                if (hasSolution)
                {
                    for (var v = 0; v < w.Length; v++) w[v] = solver.Value(model.VarFromIndex(v));
                    var index = 0;
                    for (var a = 0; a < p.Slots; a++)
                        if (p.IsConstraint(a)) lambda[a] = solver.DualValue(model.ConstraintFromIndex(index++));
                }
                return new Output(status, hasSolution, w, lambda);
            }
            finally
            {
                model.Helper.Dispose();
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Variables vec(W) (free), constraints A_a·W ≥ 1 in slot order; with <paramref name="quadratic"/> the diagonal
    /// quadratic objective ½ Σ_v x_v² (qvar1_index = qvar2_index = v, coefficient ½).
    /// </summary>
    internal static MPModelProto Build(SvmProblem p, bool quadratic)
    {
        var proto = new MPModelProto { Name = quadratic ? "multiclass-hard-margin-svm" : "multiclass-separability" };
        var nv = p.Unknowns;
        for (var v = 0; v < nv; v++)
            proto.Variable.Add(new MPVariableProto { LowerBound = double.NegativeInfinity, UpperBound = double.PositiveInfinity });
        if (quadratic)
        {
            var objective = new MPQuadraticObjective();
            for (var v = 0; v < nv; v++)
            {
                objective.Qvar1Index.Add(v);
                objective.Qvar2Index.Add(v);
                objective.Coefficient.Add(0.5);
            }
            proto.QuadraticObjective = objective;
        }
        int k = p.Classes, d = p.Dim;
        for (var a = 0; a < p.Slots; a++)
        {
            if (!p.IsConstraint(a)) continue;
            var i = a / k;
            var j = a % k;
            var y = p.Labels[i];
            var constraint = new MPConstraintProto { LowerBound = 1, UpperBound = double.PositiveInfinity };
            for (var t = 0; t < d; t++)
            {
                var x = p.Features[i * d + t];
                if (x == 0) continue;
                constraint.VarIndex.Add(y * d + t);
                constraint.Coefficient.Add(x);
                constraint.VarIndex.Add(j * d + t);
                constraint.Coefficient.Add(-x);
            }
            proto.Constraint.Add(constraint);
        }
        return proto;
    }
}
