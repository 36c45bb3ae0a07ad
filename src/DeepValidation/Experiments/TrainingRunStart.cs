using Collapse.DeepValidation.Models;

namespace Collapse.DeepValidation.Experiments;

/// <summary>What a <see cref="TrainingRun"/> reports once its checks have passed, before the first epoch.</summary>
/// <param name="FixedClassifier">The kind of the fixed last layer, or null when the classifier is trained.</param>
/// <param name="Permutation">The label permutation π of the fixed classifier, or null when the classifier is trained.</param>
public sealed record TrainingRunStart(FixedClassifierKind? FixedClassifier, int[]? Permutation);
