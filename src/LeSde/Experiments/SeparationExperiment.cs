using Collapse.LeSde.Analysis;
using Collapse.LeSde.Simulation;

namespace Collapse.LeSde.Experiments;

/// <summary>Runs <see cref="SeparationSettings"/>: Monte-Carlo over seeds for the fast and the slow schedule.</summary>
public static class SeparationExperiment
{
    /// <summary>The separable fraction along t for the schedule with exponent <paramref name="exponent"/>.</summary>
    /// <param name="settings">The experiment.</param>
    /// <param name="exponent">p.</param>
    /// <param name="baseSeed">Runs use <see cref="SeparationSettings.RunSeed"/>(baseSeed, r), r = 0 … Runs − 1.</param>
    public static SeparationCurve Run(SeparationSettings settings, double exponent, int baseSeed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Runs < 1) throw new Collapse.Theory.InputException($"--param runs={settings.Runs}: at least one run");
        if (settings.Checkpoints < 2) throw new Collapse.Theory.InputException($"--param checkpoints={settings.Checkpoints}: at least 2");
        var times = LeSdeSimulator.LogSpacedTimes(1, settings.Horizon, settings.Checkpoints);
        var separable = new int[times.Length];
        var ratios = new double[times.Length][];
        for (var c = 0; c < times.Length; c++) ratios[c] = new double[settings.Runs];
        for (var r = 0; r < settings.Runs; r++)
        {
            var config = settings.Model(exponent, SeparationSettings.RunSeed(baseSeed, r));
            var c = 0;
            var divergence = LeSdeSimulator.Run(config, times, state =>
            {
                var pairs = PairwiseSeparability.SeparablePairs(state.Features, state.Means, state.Classes, state.PerClass, state.Dim);
                if (pairs == state.Classes * (state.Classes - 1) / 2) separable[c]++;
                ratios[c][r] = RepresentativeGeometry.MinMeanDistance(state.Means, state.Classes, state.Dim)
                               / (2 * RepresentativeGeometry.WithinRms(state.Features, state.Means, state.Classes, state.PerClass, state.Dim));
                c++;
            });
            if (divergence is not null) throw new LeSdeDivergedException(divergence, config.Seed);
        }
        return new SeparationCurve(exponent, times, separable.Select(s => WilsonInterval.Of(s, settings.Runs)).ToList(),
            ratios.Select(Median).ToList());
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
