using Collapse.Theory.IO;
using Collapse.Theory.Validation;

namespace Collapse.Theory.Svm;

/// <summary>
/// The multi-class hard-margin SVM (see <see cref="MulticlassSvm"/>) on a features/labels pair of .npy files
/// (docs/conventions.md §Files), with every input problem reported against the file that has it.
/// </summary>
public static class SvmFiles
{
    /// <summary>
    /// Reads N×d features and N labels, validates them (same N, labels in [0, K), every class present, finite values)
    /// and solves. K defaults to max label + 1.
    /// </summary>
    /// <exception cref="InputException">Unreadable or malformed files, bad labels, NaN/Inf, K &lt; 2, an empty class, or
    /// classes that are not linearly separable by a bias-free W.</exception>
    public static SvmSolution Solve(string featuresPath, string labelsPath, int? classes = null, SvmOptions? options = null)
    {
        var features = NpyReader.ReadMatrix(featuresPath);
        var labels = NpyReader.ReadLabels(labelsPath);
        InputValidation.CheckSameCount(features.Rows, labels.Length, featuresPath, labelsPath);
        var k = InputValidation.ResolveClasses(labels, classes, labelsPath);
        InputValidation.CheckEveryClassPresent(InputValidation.CountClasses(labels, k), labelsPath);
        if (features.Columns == 0) throw new InputException($"{featuresPath}: the features have 0 columns");
        InputValidation.CheckFinite(features.Data, features.Columns, 0, featuresPath);
        return MulticlassSvm.Solve(features.Data, labels, k, options, featuresPath);
    }
}
