namespace Collapse.Theory.Validation;

/// <summary>
/// Checks of user data before any metric is computed (conventions.md, "Files"): labels are integers in [0, K),
/// features and labels have the same N, values are finite, every class has a sample, W is K×d and b has length K.
/// Each failure is an <see cref="InputException"/> with a one-line message naming the file and the first bad entry.
/// </summary>
public static class InputValidation
{
    /// <summary>
    /// Returns K: <paramref name="classes"/> when given (then every label must be below it), otherwise max(label)+1.
    /// Labels must be non-negative, there must be at least one, and 2 ≤ K ≤ N (K &gt; N leaves a class without samples).
    /// </summary>
    /// <param name="labels">The labels y_i.</param>
    /// <param name="classes">K from <c>--classes</c>, or null to infer it.</param>
    /// <param name="labelsName">The labels file, for messages.</param>
    public static int ResolveClasses(ReadOnlySpan<int> labels, int? classes, string labelsName)
    {
        if (classes is { } given && given < 2)
            throw new InputException($"--classes: K = {given}, but at least 2 classes are needed");
        if (labels.Length == 0) throw new InputException($"{labelsName}: no labels (the array is empty)");
        var max = -1;
        for (var i = 0; i < labels.Length; i++)
        {
            var y = labels[i];
            if (y < 0)
                throw new InputException($"{labelsName}: label at index {i} is {y}; labels must be integers in [0, K)");
            if (classes is { } k && y >= k)
                throw new InputException($"{labelsName}: label at index {i} is {y}, outside [0, {k}) for K = {k} from --classes");
            if (y > max) max = y;
        }
        if (max == int.MaxValue && classes is null) throw new InputException($"{labelsName}: label {max} is too large to be a class index");
        var resolved = classes ?? max + 1;
        if (resolved < 2)
            throw new InputException($"{labelsName}: every label is 0, so K = 1; at least 2 classes are needed");
        if (resolved > labels.Length) ThrowMoreClassesThanLabels(labels, resolved, labelsName);
        return resolved;
    }

    /// <summary>
    /// K &gt; N: some class has no sample whatever the labels are. Reports it as <see cref="CheckEveryClassPresent"/>
    /// would, without allocating the K class counts (K may be as large as int.MaxValue from a label or --classes).
    /// </summary>
    private static void ThrowMoreClassesThanLabels(ReadOnlySpan<int> labels, int classes, string labelsName)
    {
        var seen = new bool[labels.Length + 1];
        var distinct = new HashSet<int>();
        foreach (var y in labels)
        {
            distinct.Add(y);
            if (y < seen.Length) seen[y] = true;
        }
        var missing = new List<int>();
        for (var c = 0; c < seen.Length && missing.Count <= 8; c++)
            if (!seen[c]) missing.Add(c);
        var count = (long)classes - distinct.Count;
        var more = count > 1 ? $" ({count} empty classes: {Preview(missing)}{(count > missing.Count && missing.Count <= 8 ? ", …" : "")})" : "";
        throw new InputException($"{labelsName}: class {missing[0]} has no samples{more}; every class 0..{classes - 1} needs at least one (or pass the right --classes)");
    }

    /// <summary>Checks that every label is in [0, <paramref name="classes"/>).</summary>
    public static void CheckLabels(ReadOnlySpan<int> labels, int classes, string labelsName) =>
        ResolveClasses(labels, classes, labelsName);

    /// <summary>Counts n_k for k = 0..K−1 (labels must already be checked).</summary>
    public static int[] CountClasses(ReadOnlySpan<int> labels, int classes)
    {
        var counts = new int[classes];
        foreach (var y in labels) counts[y]++;
        return counts;
    }

    /// <summary>Checks that every class 0..K−1 has at least one sample ("class 3 has no samples").</summary>
    public static void CheckEveryClassPresent(ReadOnlySpan<int> counts, string labelsName)
    {
        var missing = new List<int>();
        for (var k = 0; k < counts.Length; k++)
            if (counts[k] == 0) missing.Add(k);
        if (missing.Count == 0) return;
        var first = missing[0];
        var more = missing.Count > 1 ? $" ({missing.Count} empty classes: {Preview(missing)})" : "";
        throw new InputException($"{labelsName}: class {first} has no samples{more}; every class 0..{counts.Length - 1} needs at least one (or pass the right --classes)");
    }

    /// <summary>Checks that the features have as many rows as there are labels.</summary>
    public static void CheckSameCount(long featureRows, long labelCount, string featuresName, string labelsName)
    {
        if (featureRows != labelCount)
            throw new InputException($"{featuresName} has {featureRows} rows but {labelsName} has {labelCount} labels; N must match");
    }

    /// <summary>
    /// Checks that every value of a row-major block is finite; names the first NaN/±Inf by absolute row
    /// (<paramref name="firstRow"/> + local row) and column.
    /// </summary>
    public static void CheckFinite(ReadOnlySpan<double> rowMajor, int columns, long firstRow, string name)
    {
        for (var i = 0; i < rowMajor.Length; i++)
        {
            var v = rowMajor[i];
            if (double.IsFinite(v)) continue;
            var what = double.IsNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
            var row = firstRow + (columns == 0 ? 0 : i / columns);
            var col = columns == 0 ? 0 : i % columns;
            throw new InputException($"{name}: {what} at row {row}, column {col}; all values must be finite");
        }
    }

    /// <summary>Checks that the classifier W has shape K×d.</summary>
    public static void CheckClassifierShape(IReadOnlyList<long> shape, int classes, int dim, string name)
    {
        if (shape.Count != 2 || shape[0] != classes || shape[1] != dim)
            throw new InputException($"{name}: classifier shape {Shape(shape)} does not match K × d = ({classes}, {dim})");
    }

    /// <summary>Checks that the bias b has length K.</summary>
    public static void CheckBiasLength(long length, int classes, string name)
    {
        if (length != classes)
            throw new InputException($"{name}: bias length {length} does not match K = {classes}");
    }

    private static string Shape(IReadOnlyList<long> shape) => shape.Count switch
    {
        0 => "()",
        1 => $"({shape[0]},)",
        _ => "(" + string.Join(", ", shape) + ")",
    };

    private static string Preview(List<int> items) =>
        items.Count <= 8 ? string.Join(", ", items) : string.Join(", ", items.Take(8)) + ", …";

    /// <summary>
    /// Parses a comma-separated list of integers (null/blank → empty list); a bad entry is an
    /// <see cref="InputException"/> "<paramref name="name"/>: 'x' is not an integer".
    /// </summary>
    public static IReadOnlyList<int> ParseIntList(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        var list = new List<int>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v))
                throw new InputException($"{name}: '{part}' is not an integer");
            list.Add(v);
        }
        return list;
    }
}
