using Collapse.LeSde.Model;

namespace Collapse.LeSde.Simulation;

/// <summary>
/// Euler–Maruyama integration of the locally-elastic SDE of <see cref="LeSdeConfig"/>:
/// F̃_{s+1} = F̃_s + (M_{t_s} F̄_s) dt + σ √dt ξ_s, ξ_s ~ N(0, I) i.i.d., t_s = t0 + s·dt, where the drift of every
/// representative of class k is the class-k block of M_t F̄_t (the same for all representatives of a class: the impact
/// of a step on the features depends on the class only, through α_t and β_t). Deterministic for a seed.
/// Every step is written into a second buffer while ‖F̃‖_F² is accumulated; a step whose state is not finite stops the
/// run (<see cref="LeSdeDivergence"/>) with the previous, finite state intact.
/// </summary>
public static class LeSdeSimulator
{
    /// <summary>
    /// Simulates and calls <paramref name="observe"/> at the first step whose time reaches each of
    /// <paramref name="checkpoints"/> (sorted ascending; a time ≤ t0 observes the initial state; each step is observed
    /// at most once).
    /// </summary>
    /// <param name="config">The model; validated here.</param>
    /// <param name="checkpoints">Observation times.</param>
    /// <param name="observe">Observer (copy what it keeps).</param>
    /// <param name="progress">Steps done, reported every ~1% of the steps; or null.</param>
    /// <param name="cancellation">Stops at the next step boundary (the observer is not called again).</param>
    /// <param name="observeLastFinite">On a divergence, called once with the last finite state (step T − 1) unless
    /// <paramref name="observe"/> already saw that step; or null.</param>
    /// <returns>Null when the run reached the horizon (or was cancelled); the divergence when a step's state was not
    /// finite, in which case the run stopped at the last finite step T − 1.</returns>
    public static LeSdeDivergence? Run(LeSdeConfig config, IReadOnlyList<double> checkpoints, Action<LeSdeState> observe,
        IProgress<int>? progress = null, CancellationToken cancellation = default, Action<LeSdeState>? observeLastFinite = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(observe);
        config.Validate();
        int k = config.Classes, n = config.PerClass, m = config.Dim, rows = k * n;
        var blocks = new TransformBlocks(config.Transform, k, m);
        var noise = new GaussianSource(config.Seed);
        var features = new double[rows * m];
        var spare = new double[rows * m];
        var labels = new int[rows];
        var means = new double[k * m];
        var drift = new double[k * m];

        // Initial state: μ_k ~ N(0, s² I), representatives μ_k + τ N(0, I).
        var centre = new double[m];
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < m; j++) centre[j] = config.InitialSeparation * noise.Next();
            for (var i = 0; i < n; i++)
            {
                var row = (c * n + i) * m;
                labels[c * n + i] = c;
                for (var j = 0; j < m; j++) features[row + j] = centre[j] + config.InitialSpread * noise.Next();
            }
        }

        var state = new LeSdeState(k, n, m, features, labels, means);
        var dt = config.StepSize;
        var sqrtDt = Math.Sqrt(dt);
        var sigma = config.Noise;
        var next = 0;
        var reportEvery = Math.Max(1, config.Steps / 100);
        var norm2 = SumOfSquares(features);
        if (!double.IsFinite(norm2))
            throw new Collapse.Theory.InputException($"--init-separation {config.InitialSeparation}, --init-spread {config.InitialSpread}: the initial state's squared norm overflows float64");
        for (var s = 0; ; s++)
        {
            var t = config.StartTime + s * dt;
            ClassMeans(features, k, n, m, means);
            var last = s == config.Steps;
            var observed = false;
            if (next < checkpoints.Count && (Reached(checkpoints[next], t) || last))
            {
                state.Time = t;
                state.Step = s;
                observe(state);
                observed = true;
                while (next < checkpoints.Count && (Reached(checkpoints[next], t) || last)) next++;
            }
            if (last || cancellation.IsCancellationRequested) break;

            blocks.Apply(means, config.Schedule.Alpha(t), config.Schedule.Beta(t), drift);
            var nextNorm2 = 0.0;
            for (var c = 0; c < k; c++)
            {
                var d = drift.AsSpan(c * m, m);
                for (var i = 0; i < n; i++)
                {
                    var offset = (c * n + i) * m;
                    var row = features.AsSpan(offset, m);
                    var into = spare.AsSpan(offset, m);
                    for (var j = 0; j < m; j++)
                    {
                        var v = row[j] + (d[j] * dt + sigma * sqrtDt * noise.Next()); // the same rounding as the in-place update
                        into[j] = v;
                        nextNorm2 += v * v;
                    }
                }
            }
            if (!double.IsFinite(nextNorm2))
            {
                // Step s + 1 is not representable; the state of step s is still in `features` (and `means`).
                if (!observed && observeLastFinite is not null)
                {
                    state.Time = t;
                    state.Step = s;
                    observeLastFinite(state);
                }
                return Diverged(config, s + 1, nextNorm2, Math.Sqrt(norm2));
            }
            (features, spare) = (spare, features);
            state.FeatureArray = features;
            norm2 = nextNorm2;
            if (progress is not null && (s + 1) % reportEvery == 0) progress.Report(s + 1);
        }
        return null;
    }

    private static LeSdeDivergence Diverged(LeSdeConfig config, int step, double norm2, double lastNorm) =>
        LeSdeDivergence.Of(config, step, double.IsNaN(norm2) ? double.NaN : Math.Sqrt(norm2), lastNorm);

    private static double SumOfSquares(double[] values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v * v;
        return sum;
    }

    /// <summary>Log-spaced times t0·(T/t0)^{j/(count−1)}, j = 0 … count−1 (both ends included).</summary>
    public static double[] LogSpacedTimes(double t0, double t1, int count)
    {
        if (count < 2) throw new Collapse.Theory.InputException($"--log-points {count}: must be at least 2");
        var times = new double[count];
        for (var j = 0; j < count; j++) times[j] = t0 * Math.Pow(t1 / t0, (double)j / (count - 1));
        times[^1] = t1;
        return times;
    }

    private static bool Reached(double checkpoint, double t) => checkpoint <= t + 1e-12 * Math.Abs(t);

    private static void ClassMeans(double[] features, int k, int n, int m, double[] means)
    {
        Array.Clear(means);
        for (var c = 0; c < k; c++)
        {
            var mean = means.AsSpan(c * m, m);
            for (var i = 0; i < n; i++)
            {
                var row = features.AsSpan((c * n + i) * m, m);
                for (var j = 0; j < m; j++) mean[j] += row[j];
            }
            for (var j = 0; j < m; j++) mean[j] /= n;
        }
    }
}
