namespace Collapse.LeSde.Analysis;

/// <summary>
/// What is measured at one logged time of an LE-SDE trajectory (one row of trajectory.csv; <see cref="Columns"/> in
/// CSV order).
/// </summary>
public sealed record LeSdeSnapshot
{
    /// <summary>Euler–Maruyama step.</summary>
    public required int Step { get; init; }
    /// <summary>t.</summary>
    public required double Time { get; init; }
    /// <summary>α_t.</summary>
    public required double Alpha { get; init; }
    /// <summary>β_t.</summary>
    public required double Beta { get; init; }
    /// <summary>γ_t = min{α_t − β_t, α_t + (K−1)β_t}.</summary>
    public required double Gamma { get; init; }
    /// <summary>t·γ_t (→ ∞ for γ = ω(1/t), → 0 for γ = o(1/t)).</summary>
    public double TimesGamma => Time * Gamma;
    /// <summary>∫_{t0}^{t} γ_s ds (closed form).</summary>
    public required double IntegratedGamma { get; init; }
    /// <summary>min_{k&lt;l} ‖F̄_k − F̄_l‖.</summary>
    public required double MinMeanDistance { get; init; }
    /// <summary>√Tr Σ_W of the representatives.</summary>
    public required double WithinRms { get; init; }
    /// <summary>MinMeanDistance / (2·WithinRms) (∞ when there is no within-class spread).</summary>
    public double SeparationRatio => MinMeanDistance / (2 * WithinRms);
    /// <summary>Number of linearly separable class pairs (−1 when not measured).</summary>
    public required int SeparablePairs { get; init; }
    /// <summary>K(K−1)/2.</summary>
    public required int Pairs { get; init; }
    /// <summary>ETF error of the normalised representatives about the origin (<see cref="RepresentativeGeometry.NormalisedEtfError"/>).</summary>
    public required double NormalisedEtfError { get; init; }
    /// <summary>Conventions <c>etfGramError</c> (centred class means).</summary>
    public required double EtfGramError { get; init; }
    /// <summary>Conventions <c>nc1</c>.</summary>
    public required double Nc1 { get; init; }
    /// <summary>Conventions <c>nc1TraceRatio</c>.</summary>
    public required double Nc1TraceRatio { get; init; }
    /// <summary>Conventions <c>cdnv</c>.</summary>
    public required double Cdnv { get; init; }
    /// <summary>Conventions <c>nccAccuracy</c>.</summary>
    public required double NccAccuracy { get; init; }
    /// <summary>
    /// Columns that are undefined at this time (NaN in the CSV, null in summary.json), each with its reason: the NC
    /// metrics' reasons from Collapse.Theory (e.g. "all class means coincide" when every representative starts and
    /// stays at the origin), and the separation ratio's when every representative sits on its class mean.
    /// </summary>
    public IReadOnlyDictionary<string, string> Undefined { get; init; } = Theory.Metrics.MetricUndefined.None;

    /// <summary>CSV columns (name, value) in order.</summary>
    public static IReadOnlyList<(string Name, Func<LeSdeSnapshot, double> Get)> Columns { get; } =
    [
        ("step", s => s.Step), ("time", s => s.Time), ("alpha", s => s.Alpha), ("beta", s => s.Beta), ("gamma", s => s.Gamma),
        ("timesGamma", s => s.TimesGamma), ("integratedGamma", s => s.IntegratedGamma), ("minMeanDistance", s => s.MinMeanDistance),
        ("withinRms", s => s.WithinRms), ("separationRatio", s => s.SeparationRatio), ("separablePairs", s => s.SeparablePairs),
        ("pairs", s => s.Pairs), ("normalisedEtfError", s => s.NormalisedEtfError), ("etfGramError", s => s.EtfGramError),
        ("nc1", s => s.Nc1), ("nc1TraceRatio", s => s.Nc1TraceRatio), ("cdnv", s => s.Cdnv), ("nccAccuracy", s => s.NccAccuracy),
    ];
}
