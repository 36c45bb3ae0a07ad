using Collapse.DeepValidation.Training;

namespace Collapse.DeepValidation.Experiments;

/// <summary>A finished <see cref="TrainingRun"/>, written to its folder.</summary>
/// <param name="Result">The training run, epoch by epoch.</param>
/// <param name="Summary">The headline values of the run (the JSON summary of <c>collapse deep train --json</c>).</param>
/// <param name="Exported">Whether features were exported (DIR/export/manifest.json).</param>
public sealed record TrainingRunOutcome(TrainingResult Result, TrainingRunSummary Summary, bool Exported);
