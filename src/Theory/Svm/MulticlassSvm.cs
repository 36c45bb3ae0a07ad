using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.Svm;

/// <summary>
/// The bias-free multi-class hard-margin SVM, min ½||W||_F² over W ∈ R^{K×d} s.t. (w_{y_i} − w_j)·h_i ≥ 1 for all i
/// and j ≠ y_i (Crammer &amp; Singer 2001, JMLR 2, hard-margin form; the direction gradient descent on cross-entropy
/// converges to on separable data, Soudry et al. 2018, JMLR 19, and Lyu &amp; Li 2020, ICLR). Solved with a certificate:
/// see <see cref="SvmCertificate"/> and <c>docs/svm.md</c>.
/// </summary>
public static class MulticlassSvm
{
    /// <summary>Relative threshold (times max λ) below which PDLP multipliers are not taken as a polish starting guess.</summary>
    private const double PdlpActiveThreshold = 1e-6;

    /// <summary>Below this ρ = 1/(1 + ||W_s||²) (relative margin under ~1e-5) Lawson–Hanson cannot tell separable from not.</summary>
    private const double RhoFloor = 1e-10;

    /// <summary>
    /// Solves the SVM for features (row-major N×d) and labels (N values in 0..K−1) and certifies the result.
    /// </summary>
    /// <exception cref="InputException">
    /// K &lt; 2, an empty class, malformed or non-finite input, data not linearly separable by a bias-free W, or a
    /// margin too small (relative to max ||h_i||) to certify in float64.
    /// </exception>
    public static SvmSolution Solve(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, int classes, SvmOptions? options = null) =>
        Solve(features, labels, classes, options, "features");

    /// <summary>As the public overload; <paramref name="featuresName"/> names the features in messages.</summary>
    internal static SvmSolution Solve(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, int classes, SvmOptions? options, string featuresName)
    {
        options ??= SvmOptions.Default;
        SvmProblem.Validate(features, labels, classes, out var dim);
        if (SvmPrescale.TryPrescale(features, dim, out var prescaled, out var exponent))
            return SvmPrescale.Unscale(Solve(prescaled, labels, classes, options, featuresName), exponent);
        var problem = SvmProblem.Create(features, labels, classes, featuresName);
        var candidates = options.Method switch
        {
            SvmMethod.ActiveSet => SolveActiveSet(problem, options.Polish, CheckWarmStart(problem, options.WarmStart), iterationsSoFar: 0),
            SvmMethod.Pdlp => SolvePdlp(problem, options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Method, "unknown SVM method"),
        };

        SvmSolution? best = null;
        var bestScore = double.PositiveInfinity;
        foreach (var c in candidates)
        {
            var solution = Unscale(problem, features, labels, c);
            var score = Score(solution.Certificate);
            if (best is null || score < bestScore) { best = solution; bestScore = score; }
        }
        return best!;
    }

    /// <summary>The warm-start slots, checked to be constraints of <paramref name="p"/>; throws <see cref="ArgumentException"/> otherwise.</summary>
    private static IReadOnlyList<int>? CheckWarmStart(SvmProblem p, IReadOnlyList<int>? slots)
    {
        if (slots is null) return null;
        foreach (var a in slots)
            if (a < 0 || a >= p.Slots || !p.IsConstraint(a))
                throw new ArgumentException($"warm-start slot {a} is not a constraint slot i·K + j (j ≠ y_i) of this problem (N = {p.Samples}, K = {p.Classes})", nameof(slots));
        return slots;
    }

    /// <summary>A solver outcome on the scaled problem.</summary>
    private sealed record Candidate(double[] WScaled, double[] LambdaScaled, bool Polished, int Iterations, SvmMethod Method);

    private static List<Candidate> SolveActiveSet(SvmProblem p, bool polish, IReadOnlyList<int>? warmStart, int iterationsSoFar, SvmMethod label = SvmMethod.ActiveSet)
    {
        var lh = LeastDistanceSolver.Solve(p, warmStart);
        var iterations = iterationsSoFar + lh.Iterations;
        var result = new List<Candidate>();
        var uncertain = lh.Rho <= RhoFloor;
        if (uncertain && !SvmSeparability.IsSeparable(p)) throw SvmSeparability.NotSeparable(p.FeaturesName);
        if (!uncertain) result.Add(new Candidate(lh.WScaled, lh.LambdaScaled, false, iterations, label));
        if (polish || uncertain)
        {
            var polished = KktPolish.Run(p, lh.Passive, 2 * p.Unknowns + 20);
            if (polished is not null)
                result.Add(new Candidate(polished.WScaled, polished.LambdaScaled, true, iterations + polished.Rounds, label));
        }
        if (result.Count == 0)
            throw new InputException(
                $"{p.FeaturesName}: the classes are separable, but the margin is too small relative to the largest feature norm ({p.Scale:G6}) to solve and certify the hard-margin SVM in float64");
        return result;
    }

    private static List<Candidate> SolvePdlp(SvmProblem p, SvmOptions options)
    {
        var output = OrToolsSvm.SolvePdlp(p, options.PdlpTolerance, options.PdlpTimeLimitSeconds);
        if (output.Status != Google.OrTools.ModelBuilder.SolveStatus.OPTIMAL && !SvmSeparability.IsSeparable(p))
            throw SvmSeparability.NotSeparable(p.FeaturesName);
        // PDLP gives up on badly conditioned (tiny-margin) problems; the data are separable here, so the active-set
        // method takes over and the solution says so (Method = ActiveSet).
        if (!output.HasSolution) return SolveActiveSet(p, polish: true, warmStart: null, iterationsSoFar: 0);
        var raw = new Candidate(output.WScaled, output.LambdaScaled, false, 0, SvmMethod.Pdlp);
        if (!options.Polish) return [raw];

        // Polish on the active set PDLP identified: its clearly positive multipliers, strongest first (the polish
        // keeps a linearly independent subset).
        var maxLambda = 0.0;
        foreach (var l in output.LambdaScaled) maxLambda = Math.Max(maxLambda, l);
        var guess = new List<int>();
        for (var a = 0; a < p.Slots; a++)
            if (p.IsConstraint(a) && output.LambdaScaled[a] > PdlpActiveThreshold * maxLambda) guess.Add(a);
        guess.Sort((x, y) => output.LambdaScaled[y].CompareTo(output.LambdaScaled[x]));
        var polished = KktPolish.Run(p, guess, 2 * p.Unknowns + 20);
        if (polished is not null) return [raw, new Candidate(polished.WScaled, polished.LambdaScaled, true, polished.Rounds, SvmMethod.Pdlp)];

        // PDLP's active set was too far off for the polish alone: finish with Lawson–Hanson warm-started from it.
        var finished = SolveActiveSet(p, polish: true, warmStart: guess, iterationsSoFar: 0, label: SvmMethod.Pdlp);
        finished.Add(raw);
        return finished;
    }

    private static SvmSolution Unscale(SvmProblem p, ReadOnlySpan<double> features, ReadOnlySpan<int> labels, Candidate c)
    {
        // Scaled features h/s: W = W_s / s and λ = λ_s / s².
        var s = p.Scale;
        var w = Matrix<double>.Build.Dense(p.Classes, p.Dim, (r, col) => c.WScaled[r * p.Dim + col] / s);
        var lambda = new double[p.Slots];
        for (var a = 0; a < lambda.Length; a++) lambda[a] = p.IsConstraint(a) ? c.LambdaScaled[a] / (s * s) : 0;
        var certificate = SvmCertificate.Compute(features, labels, p.Classes, w, lambda);
        return new SvmSolution(w, lambda, certificate, c.Method, c.Polished, c.Iterations);
    }

    /// <summary>How far a certificate is from the default tolerances (smaller is better; ∞ for negative λ).</summary>
    private static double Score(SvmCertificate c)
    {
        if (!(c.MinLambda >= 0)) return double.PositiveInfinity;
        var t = SvmTolerances.Default;
        var score = Math.Max(c.MaxViolation / t.MaxViolation, Math.Max(c.DualityGap / t.DualityGap, c.Stationarity / t.Stationarity));
        return double.IsNaN(score) ? double.PositiveInfinity : score;
    }
}
