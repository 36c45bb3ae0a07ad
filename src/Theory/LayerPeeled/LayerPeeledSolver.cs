using Collapse.Theory.Etf;
using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.LayerPeeled;

/// <summary>Options of <see cref="LayerPeeledSolver"/>.</summary>
/// <param name="Dim">p, the dimension of h̄_k and w_k (null: 2K, where the program equals its SDP).</param>
/// <param name="MaxIterations">Iteration cap per start.</param>
/// <param name="TargetGap">Stop a start once its certified gap is at most this (absolute).</param>
/// <param name="Starts">Random starts; the best certified point is kept.</param>
/// <param name="CheckEvery">Iterations between certificate evaluations.</param>
public sealed record LayerPeeledOptions(int? Dim = null, int MaxIterations = 200_000, double TargetGap = 1e-10, int Starts = 2, int CheckEvery = 200);

/// <summary>A solved <see cref="LayerPeeledProgram"/>: the point, its certificate and the work done.</summary>
/// <param name="Means">H̄ (K×p), feasible.</param>
/// <param name="Classifier">W (K×p), feasible.</param>
/// <param name="Certificate">The certificate of this point (its <see cref="LayerPeeledCertificate.Gap"/> bounds the error of the value).</param>
/// <param name="Iterations">Iterations of the start that produced the point.</param>
/// <param name="Start">Which start (0-based).</param>
public sealed record LayerPeeledSolution(Matrix<double> Means, Matrix<double> Classifier, LayerPeeledCertificate Certificate, int Iterations, int Start)
{
    /// <summary>The certified upper bound on the optimum (the value of this feasible point).</summary>
    public double Value => Certificate.UpperBound;
}

/// <summary>
/// Solves a <see cref="LayerPeeledProgram"/> by projected gradient descent on (H̄, W) in p = 2K dimensions (the
/// Burer–Monteiro form of its semidefinite program), in the metric Σ_k c_k‖δh̄_k‖² + ‖δW‖² in which the projection onto
/// each constraint set is a scaling, with an adaptive step (Armijo backtracking, growth on success), from random
/// starts. Each start stops when <see cref="LayerPeeledCertificate"/> certifies the target gap. The result is always a
/// feasible point with its certificate; whether the gap is small enough is for the caller to judge.
/// </summary>
public static class LayerPeeledSolver
{
    /// <summary>Solves <paramref name="program"/>; deterministic in <paramref name="seed"/>.</summary>
    public static LayerPeeledSolution Solve(LayerPeeledProgram program, int seed, LayerPeeledOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        program.Validate();
        options ??= new LayerPeeledOptions();
        int k = program.Classes, p = options.Dim ?? 2 * k;
        if (p < 1) throw new InputException($"layer-peeled dimension {p}: must be ≥ 1");
        var rng = new Random(seed);
        LayerPeeledSolution? best = null;
        for (var start = 0; start < Math.Max(1, options.Starts); start++)
        {
            var h = RandomOrthogonal.Gaussian(k, p, rng);
            var w = RandomOrthogonal.Gaussian(k, p, rng);
            ProjectFeatures(program, h);
            ProjectClassifier(program, w);
            var (hs, ws, iterations) = Descend(program, h, w, options);
            var cert = LayerPeeledCertificate.Of(program, hs, ws);
            var candidate = new LayerPeeledSolution(hs, ws, cert, iterations, start);
            if (best is null || candidate.Certificate.Gap < best.Certificate.Gap) best = candidate;
            if (best.Certificate.Certifies(options.TargetGap)) break;
        }
        return best!;
    }

    private static (Matrix<double> H, Matrix<double> W, int Iterations) Descend(LayerPeeledProgram program, Matrix<double> h, Matrix<double> w, LayerPeeledOptions options)
    {
        int k = program.Classes;
        var g = Matrix<double>.Build.Dense(k, k);
        var f = program.Objective(h.TransposeAndMultiply(w), g);
        var eta = 1.0;
        var it = 0;
        for (; it < options.MaxIterations; it++)
        {
            if (it % options.CheckEvery == 0 && LayerPeeledCertificate.Of(program, h, w).Certifies(options.TargetGap)) break;
            var gh = g * w;              // ∂f/∂H̄ = G W
            var gw = g.TransposeThisAndMultiply(h); // ∂f/∂W = Gᵀ H̄
            for (var r = 0; r < k; r++) gh.SetRow(r, gh.Row(r) / program.FeatureWeights[r]); // gradient in the c-metric
            for (var tries = 0; ; tries++)
            {
                var hn = h - eta * gh;
                var wn = w - eta * gw;
                ProjectFeatures(program, hn);
                ProjectClassifier(program, wn);
                var gn = Matrix<double>.Build.Dense(k, k);
                var fn = program.Objective(hn.TransposeAndMultiply(wn), gn);
                var step2 = MetricNorm2(program, hn - h) + Math.Pow((wn - w).FrobeniusNorm(), 2);
                // Sufficient decrease, up to the rounding of f (near the optimum the decrease falls below it).
                if (fn <= f - step2 / (2 * eta) + 4e-16 * Math.Abs(f) || tries >= 60)
                {
                    var moved = step2 > 0;
                    h = hn; w = wn; f = fn; g = gn;
                    eta *= 1.25;
                    if (!moved) return (h, w, it + 1);
                    break;
                }
                eta /= 2;
            }
        }
        return (h, w, it);
    }

    private static double MetricNorm2(LayerPeeledProgram program, Matrix<double> dh)
    {
        var s = 0.0;
        for (var r = 0; r < dh.RowCount; r++) s += program.FeatureWeights[r] * dh.Row(r).DotProduct(dh.Row(r));
        return s;
    }

    /// <summary>Scales H̄ onto Σ c_k‖h̄_k‖² ≤ E_H (the projection in the c-metric).</summary>
    private static void ProjectFeatures(LayerPeeledProgram program, Matrix<double> h)
    {
        var load = program.FeatureLoad(h);
        if (load > program.FeatureBudget) h.Multiply(Math.Sqrt(program.FeatureBudget / load), h);
    }

    /// <summary>Scales W onto (1/K)‖W‖² ≤ E_W.</summary>
    private static void ProjectClassifier(LayerPeeledProgram program, Matrix<double> w)
    {
        var load = program.ClassifierLoad(w);
        if (load > program.ClassifierBudget) w.Multiply(Math.Sqrt(program.ClassifierBudget / load), w);
    }
}
