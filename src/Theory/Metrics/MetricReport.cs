using Collapse.Theory.Margins;

namespace Collapse.Theory.Metrics;

/// <summary>
/// Every NC metric, margin and loss of docs/conventions.md for one labelled feature set (and optionally a classifier).
/// Classifier-dependent values are null when no classifier was given.
/// </summary>
public sealed record MetricReport
{
    /// <summary>K.</summary>
    public required int Classes { get; init; }
    /// <summary>N.</summary>
    public required long Samples { get; init; }
    /// <summary>d.</summary>
    public required int Dim { get; init; }
    /// <summary>(1/K) Tr(Σ_W Σ_B⁺), rank-(K−1) truncated; null if the scatter was not tracked.</summary>
    public double? Nc1 { get; init; }
    /// <summary>Tr Σ_W / Tr Σ_B.</summary>
    public required double Nc1TraceRatio { get; init; }
    /// <summary>Mean pairwise CDNV.</summary>
    public required double Cdnv { get; init; }
    /// <summary>std/mean of ||μ_k − μ_G||.</summary>
    public required double EquinormMeans { get; init; }
    /// <summary>std/mean of ||w_k||.</summary>
    public double? EquinormClassifier { get; init; }
    /// <summary>Mean |cos + 1/(K−1)| of centred means.</summary>
    public required double Equiangularity { get; init; }
    /// <summary>Max |cos + 1/(K−1)| of centred means.</summary>
    public required double MaxAngle { get; init; }
    /// <summary>ETF Gram error of the centred means.</summary>
    public required double EtfGramError { get; init; }
    /// <summary>|| Wᵀ/||W||_F − M̃ᵀ/||M̃||_F ||_F².</summary>
    public double? Nc3 { get; init; }
    /// <summary>Fraction of classifier decisions ≠ NCC decisions.</summary>
    public double? Nc4 { get; init; }
    /// <summary>NCC accuracy against the labels.</summary>
    public required double NccAccuracy { get; init; }
    /// <summary>Classifier accuracy (strict argmax).</summary>
    public double? Accuracy { get; init; }
    /// <summary>Mean CE.</summary>
    public double? Ce { get; init; }
    /// <summary>log CE (log domain).</summary>
    public double? LogCe { get; init; }
    /// <summary>Margins (null without a classifier).</summary>
    public MarginSummary? Margins { get; init; }
    /// <summary>How the engine computed the report (rank of the nc1 route, screening precision, rechecks); null for reports assembled by hand.</summary>
    public EngineDiagnostics? Engine { get; init; }

    /// <summary>
    /// Flat name → value view with the JSON keys of docs/conventions.md (classifier-dependent keys only when present).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, double>> ToKeyValues()
    {
        var list = new List<KeyValuePair<string, double>>
        {
            new("classes", Classes), new("samples", Samples), new("dim", Dim),
        };
        void Add(string key, double? v) { if (v.HasValue) list.Add(new(key, v.Value)); }
        Add("nc1", Nc1);
        Add("nc1TraceRatio", Nc1TraceRatio);
        Add("cdnv", Cdnv);
        Add("equinormMeans", EquinormMeans);
        Add("equinormClassifier", EquinormClassifier);
        Add("equiangularity", Equiangularity);
        Add("maxAngle", MaxAngle);
        Add("etfGramError", EtfGramError);
        Add("nc3", Nc3);
        Add("nc4", Nc4);
        Add("nccAccuracy", NccAccuracy);
        Add("accuracy", Accuracy);
        Add("minMargin", Margins?.MinMargin);
        Add("normalizedMargin", Margins?.NormalizedMargin);
        Add("ufmNormalizedMargin", Margins?.UfmNormalizedMargin);
        Add("smoothedMargin", Margins?.SmoothedMargin);
        Add("normalizedSmoothedMargin", Margins?.NormalizedSmoothedMargin);
        Add("ufmNormalizedSmoothedMargin", Margins?.UfmNormalizedSmoothedMargin);
        Add("ce", Ce);
        Add("logCe", LogCe);
        return list;
    }
}

/// <summary>How <see cref="MetricEngine"/> computed a report (docs/metrics.md).</summary>
/// <param name="Nc1Rank">r of the nc1 route: singular values of M̃ above 1e-10·s_max, at most min(K−1, d).</param>
/// <param name="Screening">"float32" or "float64": precision of the nearest-centre screening product.</param>
/// <param name="NccRechecks">Samples whose nearest-centre decision was settled by the exact float64 distances (top-2 gap within the bound).</param>
/// <param name="LogitRechecks">Samples whose argmax or margin sign was settled by the scalar float64 logits.</param>
/// <param name="CdnvRecomputed">Class pairs whose distance was recomputed directly (Gram form too close to cancellation).</param>
public sealed record EngineDiagnostics(int Nc1Rank, string Screening, long NccRechecks, long LogitRechecks, long CdnvRecomputed)
{
    /// <summary>Wall time of the steps of a one-process run (null for a merged sharded run).</summary>
    public MetricTimings? Timings { get; init; }
}

/// <summary>Wall time of the steps of <see cref="MetricEngine.Compute"/>, in seconds.</summary>
/// <param name="Pass1Seconds">Pass 1 (reading, class sums).</param>
/// <param name="PrepareSeconds">nc1 projection, nc3, packing.</param>
/// <param name="Pass2Seconds">Pass 2 (reading, products, decisions).</param>
/// <param name="AssembleSeconds">Mean geometry (tiled Gram sweeps) and the report.</param>
public sealed record MetricTimings(double Pass1Seconds, double PrepareSeconds, double Pass2Seconds, double AssembleSeconds);
