namespace Collapse.Theory.Svm;

/// <summary>
/// A validated SVM instance. The solvers work on the features divided by <see cref="Scale"/> = max_i ||h_i||, so that
/// every ||h_i|| ≤ 1; the optimum for the original features is W = W_s / s with multipliers λ = λ_s / s².
/// </summary>
internal sealed class SvmProblem
{
    private SvmProblem(double[] scaled, int[] labels, int classes, int dim, double scale, string featuresName)
    {
        FeaturesName = featuresName;
        Features = scaled;
        Labels = labels;
        Classes = classes;
        Dim = dim;
        Scale = scale;
    }

    /// <summary>Scaled features h_i / s, row-major N×d.</summary>
    public double[] Features { get; }

    /// <summary>How messages name the features.</summary>
    public string FeaturesName { get; }

    /// <summary>Labels y_i ∈ 0..K−1.</summary>
    public int[] Labels { get; }

    /// <summary>K.</summary>
    public int Classes { get; }

    /// <summary>d.</summary>
    public int Dim { get; }

    /// <summary>N.</summary>
    public int Samples => Labels.Length;

    /// <summary>s = max_i ||h_i||.</summary>
    public double Scale { get; }

    /// <summary>Number of unknowns K·d.</summary>
    public int Unknowns => Classes * Dim;

    /// <summary>Number of constraint slots N·K (N·(K−1) of them are real constraints).</summary>
    public int Slots => Samples * Classes;

    /// <summary>True when slot a = i·K + j is a real constraint (j ≠ y_i).</summary>
    public bool IsConstraint(int slot) => slot % Classes != Labels[slot / Classes];

    /// <summary>Validates the input and builds the scaled copy.</summary>
    /// <param name="features">Row-major N×d features.</param>
    /// <param name="labels">N labels.</param>
    /// <param name="classes">K.</param>
    /// <param name="featuresName">How messages name the features (a file path in the CLI).</param>
    public static SvmProblem Create(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, int classes, string featuresName = "features")
    {
        Validate(features, labels, classes, out var dim);
        var n = labels.Length;
        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            var hi = features.Slice(i * dim, dim);
            scale = Math.Max(scale, Math.Sqrt(SvmConstraints.Dot(hi, hi)));
        }
        if (scale == 0)
        {
            var largest = 0.0;
            foreach (var v in features) largest = Math.Max(largest, Math.Abs(v));
            if (largest == 0) throw new InputException($"{featuresName}: every feature vector is zero, so no classifier separates the classes");
        }
        // The public entry points divide features whose largest norm lies outside 2^±480 by a power of two first (SvmPrescale).
        if (scale == 0 || double.IsInfinity(scale))
            throw new InvalidOperationException($"{featuresName}: squared feature norms outside float64 reached the SVM problem; rescale with SvmPrescale first");
        var scaled = new double[features.Length];
        for (var t = 0; t < scaled.Length; t++) scaled[t] = features[t] / scale;
        return new SvmProblem(scaled, labels.ToArray(), classes, dim, scale, featuresName);
    }

    /// <summary>Shape, range and finiteness checks shared by the solver and the certificate.</summary>
    public static void Validate(ReadOnlySpan<double> features, ReadOnlySpan<int> labels, int classes, out int dim)
    {
        if (classes < 2) throw new InputException($"classes: the multi-class SVM needs at least 2 classes (got {classes})");
        var n = labels.Length;
        if (n == 0) throw new InputException("labels: no samples");
        if (features.Length == 0 || features.Length % n != 0)
            throw new InputException($"features: {features.Length} values do not form {n} rows (one per label) of a positive dimension");
        dim = features.Length / n;
        var counts = new int[classes];
        for (var i = 0; i < n; i++)
        {
            var label = labels[i];
            if ((uint)label >= (uint)classes)
                throw new InputException($"labels: label {label} at row {i} is outside 0..{classes - 1}");
            counts[label]++;
        }
        for (var c = 0; c < classes; c++)
            if (counts[c] == 0) throw new InputException($"labels: class {c} has no samples; the multi-class SVM needs every one of the {classes} classes");
        for (var t = 0; t < features.Length; t++)
            if (!double.IsFinite(features[t]))
                throw new InputException($"features: non-finite value {features[t]} at row {t / dim}, column {t % dim}");
    }

    /// <summary>Constraint values q_a = A_a·W on the scaled features.</summary>
    public void Values(ReadOnlySpan<double> w, Span<double> q) => SvmConstraints.Values(Features, Labels, Classes, Dim, w, q);

    /// <summary>v += c·A_a on the scaled features.</summary>
    public void AddColumn(int slot, double c, Span<double> v) => SvmConstraints.AddColumn(Features, Labels, Classes, Dim, slot, c, v);
}
