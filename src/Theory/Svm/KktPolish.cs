namespace Collapse.Theory.Svm;

/// <summary>
/// Polish: solve the KKT system of the SVM exactly on a guessed active set S. Stationarity W = Σ_{a∈S} λ_a A_a and
/// activity A_S W = 1 give the Gram system (A_S A_Sᵀ) λ = 1; we never form the Gram matrix but factor A_Sᵀ = Q R
/// (Householder), so y = R⁻ᵀ 1, W = Q y, λ = R⁻¹ y, with the conditioning of A_S rather than its square. Then the
/// most negative multiplier is dropped, or the most violated constraint added, and the system is solved again, until
/// λ ≥ 0 and A W ≥ 1 − τ. From a nearly right active set (Lawson–Hanson's or PDLP's) this takes one or two rounds.
/// </summary>
internal static class KktPolish
{
    /// <summary>Outcome on the scaled problem.</summary>
    internal sealed record Result(List<int> Active, double[] WScaled, double[] LambdaScaled, int Rounds);

    /// <summary>Polishes from <paramref name="start"/>; null when it does not settle within <paramref name="maxRounds"/>.</summary>
    public static Result? Run(SvmProblem p, IReadOnlyList<int> start, int maxRounds)
    {
        var nv = p.Unknowns;
        var qr = new HouseholderQr(nv);
        var active = new List<int>();
        var column = new double[nv];
        foreach (var a in start)
            if (qr.TryAppend(Column(p, a, column))) active.Add(a);
        var q = new double[p.Slots];
        for (var round = 1; round <= maxRounds; round++)
        {
            var ones = new double[active.Count];
            Array.Fill(ones, 1.0);
            var w = qr.SolveMinimumNorm(ones, out var y);
            var lambdaActive = qr.BackSubstitute(y);
            var worst = -1;
            for (var l = 0; l < active.Count; l++)
                if (lambdaActive[l] < 0 && (worst < 0 || lambdaActive[l] < lambdaActive[worst])) worst = l;
            if (worst >= 0)
            {
                qr.RemoveAt(worst);
                active.RemoveAt(worst);
                continue;
            }

            p.Values(w, q);
            var normW = Math.Sqrt(SvmConstraints.Dot(w, w));
            var tau = 1e-12 * (1 + normW);
            var violated = -1;
            var worstViolation = tau;
            for (var a = 0; a < q.Length; a++)
            {
                var violation = 1 - q[a];
                if (violation > worstViolation) { worstViolation = violation; violated = a; }
            }
            if (violated >= 0)
            {
                // A violated constraint dependent on the active ones means the guess cannot be completed here.
                if (!qr.TryAppend(Column(p, violated, column))) return null;
                active.Add(violated);
                continue;
            }

            var lambda = new double[p.Slots];
            for (var l = 0; l < active.Count; l++) lambda[active[l]] = lambdaActive[l];
            return new Result(active, w, lambda, round);
        }
        return null;
    }

    private static double[] Column(SvmProblem p, int slot, double[] buffer)
    {
        Array.Clear(buffer);
        p.AddColumn(slot, 1, buffer);
        return buffer;
    }
}
