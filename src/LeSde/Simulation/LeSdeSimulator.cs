using Collapse.LeSde.Model;

namespace Collapse.LeSde.Simulation;

/// <summary>
/// Euler–Maruyama integration of the locally-elastic SDE of <see cref="LeSdeConfig"/>:
/// F̃_{s+1} = F̃_s + (M_{t_s} F̄_s) dt + σ √dt ξ_s, ξ_s ~ N(0, I) i.i.d., t_s = t0 + s·dt, where the drift of every
/// representative of class k is the class-k block of M_t F̄_t (the same for all representatives of a class: the impact
/// of a step on the features depends on the class only, through α_t and β_t). Deterministic for a seed.
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
    public static void Run(LeSdeConfig config, IReadOnlyList<double> checkpoints, Action<LeSdeState> observe,
        IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(observe);
        config.Validate();
        int k = config.Classes, n = config.PerClass, m = config.Dim, rows = k * n;
        var blocks = new TransformBlocks(config.Transform, k, m);
        var noise = new GaussianSource(config.Seed);
        var features = new double[rows * m];
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
        for (var s = 0; ; s++)
        {
            var t = config.StartTime + s * dt;
            ClassMeans(features, k, n, m, means);
            var last = s == config.Steps;
            if (next < checkpoints.Count && (Reached(checkpoints[next], t) || last))
            {
                state.Time = t;
                state.Step = s;
                observe(state);
                while (next < checkpoints.Count && (Reached(checkpoints[next], t) || last)) next++;
            }
            if (last || cancellation.IsCancellationRequested) break;

            blocks.Apply(means, config.Schedule.Alpha(t), config.Schedule.Beta(t), drift);
            for (var c = 0; c < k; c++)
            {
                var d = drift.AsSpan(c * m, m);
                for (var i = 0; i < n; i++)
                {
                    var row = features.AsSpan((c * n + i) * m, m);
                    for (var j = 0; j < m; j++) row[j] += d[j] * dt + sigma * sqrtDt * noise.Next();
                }
            }
            if (progress is not null && (s + 1) % reportEvery == 0) progress.Report(s + 1);
        }
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
