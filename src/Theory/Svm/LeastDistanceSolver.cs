namespace Collapse.Theory.Svm;

/// <summary>
/// The SVM as a least-distance program, min ||W|| s.t. A W ≥ 1, solved by Lawson–Hanson NNLS (Lawson &amp; Hanson
/// 1974, <i>Solving Least Squares Problems</i>, ch. 23, algorithms NNLS and LDP). With E_a = (vec A_a, 1) and
/// f = (0, …, 0, 1), NNLS finds u ≥ 0 minimising ||E u − f||. Its residual r = f − E u = (−V, ρ), V = Σ u_a A_a,
/// ρ = 1 − Σ u_a, gives W = V/ρ and λ = u/ρ, and the NNLS optimality conditions become exactly the SVM's KKT conditions.
/// ρ = 0 (r = 0) is a Farkas certificate that no W exists: u ≥ 0, Σ u_a A_a = 0, Σ u_a = 1.
/// </summary>
internal static class LeastDistanceSolver
{
    /// <summary>Outcome on the scaled problem.</summary>
    /// <param name="Passive">The passive (support) set, constraint slots.</param>
    /// <param name="Rho">ρ = 1 − Σ u; ≈ 0 means not separable. At the optimum ρ = 1/(1 + ||W_s||²).</param>
    /// <param name="WScaled">W_s = V/ρ (only meaningful when ρ &gt; 0).</param>
    /// <param name="LambdaScaled">λ_s = u/ρ in N×K slots.</param>
    /// <param name="Iterations">Outer iterations (constraints tried).</param>
    /// <param name="Converged">False when the iteration cap was hit.</param>
    internal sealed record Result(List<int> Passive, double Rho, double[] WScaled, double[] LambdaScaled, int Iterations, bool Converged);

    /// <summary>Runs NNLS, optionally warm-started from a passive set (dependent columns are skipped).</summary>
    public static Result Solve(SvmProblem p, IReadOnlyList<int>? warmStart = null)
    {
        var nv = p.Unknowns;
        var rows = nv + 1;
        var f = new double[rows];
        f[nv] = 1;
        var column = new double[rows];
        var passive = new List<int>();
        var u = new List<double>();
        var qr = new HouseholderQr(rows);
        if (warmStart is { Count: > 0 })
        {
            // Shrink the warm set until its least-squares solution is strictly positive: u = 0 is feasible, so u = z is
            // a valid NNLS iterate once z > 0 on the set.
            foreach (var a in warmStart)
                if (qr.TryAppend(Column(p, a, column))) passive.Add(a);
            while (passive.Count > 0)
            {
                var z = qr.SolveLeastSquares(f);
                var dropped = false;
                for (var l = passive.Count - 1; l >= 0; l--)
                {
                    if (z[l] > 0) continue;
                    qr.RemoveAt(l);
                    passive.RemoveAt(l);
                    dropped = true;
                }
                if (!dropped) { u = new List<double>(z); break; }
            }
        }

        var inPassive = new bool[p.Slots];
        foreach (var a in passive) inPassive[a] = true;
        var rejected = new bool[p.Slots];
        var rejectedList = new List<int>();
        var v = new double[nv];
        var q = new double[p.Slots];
        var maxIterations = 10 * rows + 100;
        var iterations = 0;
        var converged = false;
        while (iterations < maxIterations)
        {
            iterations++;
            var rho = Residual(p, passive, u, v);
            p.Values(v, q);
            var normV = Math.Sqrt(SvmConstraints.Dot(v, v));
            var threshold = Math.Max(1e-12 * (Math.Abs(rho) + normV), 1e-14);
            // w_a = E_aᵀ r = ρ − A_a·V = ρ (1 − A_a·W): positive exactly for the constraints W violates.
            var best = -1;
            var bestW = threshold;
            for (var a = 0; a < q.Length; a++)
            {
                if (inPassive[a] || rejected[a] || !p.IsConstraint(a)) continue;
                var w = rho - q[a];
                if (w > bestW) { bestW = w; best = a; }
            }
            if (best < 0) { converged = true; break; }

            var appended = qr.TryAppend(Column(p, best, column));
            var z = appended ? qr.SolveLeastSquares(f) : null;
            if (z is null || z[^1] <= 0)
            {
                // Round-off made the entering column (nearly) dependent or its coefficient non-positive: refuse it
                // until the passive set changes (Lawson & Hanson's safeguard against cycling).
                if (appended) qr.RemoveLast();
                rejected[best] = true;
                rejectedList.Add(best);
                continue;
            }
            passive.Add(best);
            u.Add(0);
            inPassive[best] = true;
            foreach (var a in rejectedList) rejected[a] = false;
            rejectedList.Clear();
            while (true)
            {
                var alpha = double.PositiveInfinity;
                var limiting = -1;
                for (var l = 0; l < passive.Count; l++)
                {
                    if (z[l] > 0) continue;
                    var step = u[l] / (u[l] - z[l]);
                    if (step < alpha) { alpha = step; limiting = l; }
                }
                if (limiting < 0)
                {
                    for (var l = 0; l < passive.Count; l++) u[l] = z[l];
                    break;
                }
                // Move towards z until the first coefficient reaches 0; drop every coefficient that did.
                for (var l = 0; l < passive.Count; l++) u[l] += alpha * (z[l] - u[l]);
                u[limiting] = 0;
                for (var l = passive.Count - 1; l >= 0; l--)
                {
                    if (u[l] > 0) continue;
                    inPassive[passive[l]] = false;
                    passive.RemoveAt(l);
                    u.RemoveAt(l);
                    qr.RemoveAt(l);
                }
                if (passive.Count == 0) break;
                z = qr.SolveLeastSquares(f);
            }
        }
        var finalRho = Residual(p, passive, u, v);
        var wScaled = new double[nv];
        var lambda = new double[p.Slots];
        if (finalRho > 0)
        {
            for (var t = 0; t < nv; t++) wScaled[t] = v[t] / finalRho;
            for (var l = 0; l < passive.Count; l++) lambda[passive[l]] = u[l] / finalRho;
        }
        return new Result(passive, finalRho, wScaled, lambda, iterations, converged);
    }

    /// <summary>E_a = (vec A_a, 1) written into <paramref name="buffer"/>.</summary>
    private static double[] Column(SvmProblem p, int slot, double[] buffer)
    {
        Array.Clear(buffer);
        p.AddColumn(slot, 1, buffer.AsSpan(0, p.Unknowns));
        buffer[p.Unknowns] = 1;
        return buffer;
    }

    /// <summary>V = Σ u_l A_{P_l}; returns ρ = 1 − Σ u_l.</summary>
    private static double Residual(SvmProblem p, List<int> passive, List<double> u, double[] v)
    {
        Array.Clear(v);
        var sum = 0.0;
        for (var l = 0; l < passive.Count; l++)
        {
            p.AddColumn(passive[l], u[l], v);
            sum += u[l];
        }
        return 1 - sum;
    }
}
