using Collapse.DeepValidation.Output;
using Collapse.DeepValidation.Training;
using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Import;

/// <summary>Result of <see cref="RunAnalyzer.Analyze"/>.</summary>
/// <param name="Manifest">The run folder's manifest.</param>
/// <param name="Epochs">One measured record per exported epoch.</param>
/// <param name="Claims">Single-run claim verdicts (nc1 trend, TPT test-accuracy gain and margin growth).</param>
public sealed record RunAnalysis(RunManifest Manifest, IReadOnlyList<EpochRecord> Epochs, IReadOnlyList<ClaimResult> Claims);
