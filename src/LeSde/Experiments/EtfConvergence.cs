using Collapse.LeSde.Analysis;
using Collapse.LeSde.Simulation;

namespace Collapse.LeSde.Experiments;

/// <summary>The ETF error of the normalised representatives along one LE-SDE run (<see cref="EtfSettings"/>).</summary>
/// <param name="Times">Checkpoint times.</param>
/// <param name="Errors"><see cref="RepresentativeGeometry.NormalisedEtfError"/> at each checkpoint.</param>
/// <param name="CentredErrors">The conventions <c>etfGramError</c> (centred class means) at each checkpoint.</param>
public sealed record EtfConvergence(IReadOnlyList<double> Times, IReadOnlyList<double> Errors, IReadOnlyList<double> CentredErrors)
{
    /// <summary>The error at the horizon.</summary>
    public double Final => Errors[^1];

    /// <summary>Simulates <paramref name="settings"/> with seed <paramref name="seed"/>.</summary>
    public static EtfConvergence Run(EtfSettings settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Checkpoints < 2) throw new Collapse.Theory.InputException($"--param checkpoints={settings.Checkpoints}: at least 2");
        var times = LeSdeSimulator.LogSpacedTimes(1, settings.Horizon, settings.Checkpoints);
        var errors = new List<double>();
        var centred = new List<double>();
        var observed = new List<double>();
        var divergence = LeSdeSimulator.Run(settings.Model(seed), times, state =>
        {
            observed.Add(state.Time);
            errors.Add(RepresentativeGeometry.NormalisedEtfError(state.Means, state.Classes, state.Dim));
            centred.Add(RepresentativeGeometry.CentredEtfError(state.Means, state.Classes, state.Dim));
        });
        if (divergence is not null) throw new LeSdeDivergedException(divergence, seed);
        return new EtfConvergence(observed, errors, centred);
    }
}
