using Collapse.Theory;
using Collapse.Theory.Etf;
using Collapse.Theory.IO;
using Collapse.Theory.Validation;

namespace Collapse.Ufm.Model;

/// <summary>
/// The labelled sample and starting point of a run: labels (class-sorted when generated), features H stored
/// sample-major (row i = h_i, N×d, the .npy layout) and classifier W (K×d). In mode (b) H is the fixed feature set, in
/// mode (c) W is the fixed ETF; otherwise both are the random initialisation. The bias starts at 0.
/// </summary>
public sealed class UfmData
{
    /// <summary>Creates the data from explicit arrays (validated: shapes, finiteness, labels in range, no empty class).</summary>
    public UfmData(int classes, int dim, int[] labels, double[] features, double[] classifier, string source = "data")
    {
        if (classes < 2) throw new InputException($"{source}: need at least 2 classes, got {classes}");
        if (labels.Length == 0) throw new InputException($"{source}: no samples");
        if (features.Length != labels.Length * dim) throw new InputException($"{source}: features have {features.Length} values, expected N·d = {labels.Length}·{dim}");
        if (classifier.Length != classes * dim) throw new InputException($"{source}: classifier has {classifier.Length} values, expected K·d = {classes}·{dim}");
        var counts = new int[classes];
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes) throw new InputException($"{source}: label {labels[i]} at sample {i} is outside 0..{classes - 1}");
            counts[labels[i]]++;
        }
        for (var c = 0; c < classes; c++)
            if (counts[c] == 0) throw new InputException($"{source}: class {c} has no samples");
        for (var i = 0; i < features.Length; i++)
            if (!double.IsFinite(features[i])) throw new InputException($"{source}: feature value {i} (sample {i / dim}) is not finite");
        Classes = classes;
        Dim = dim;
        Labels = labels;
        Counts = counts;
        Features = features;
        Classifier = classifier;
    }

    /// <summary>K.</summary>
    public int Classes { get; }
    /// <summary>d.</summary>
    public int Dim { get; }
    /// <summary>N.</summary>
    public int Samples => Labels.Length;
    /// <summary>y_i ∈ [0, K).</summary>
    public int[] Labels { get; }
    /// <summary>n_k.</summary>
    public int[] Counts { get; }
    /// <summary>H, sample-major N×d.</summary>
    public double[] Features { get; }
    /// <summary>W, row-major K×d.</summary>
    public double[] Classifier { get; }

    /// <summary>
    /// Builds the data of a configuration: loads features/labels (mode b with files), or generates labels from the
    /// class counts, Gaussian features (mode b: μ_k ~ N(0, s²I), h_i = μ_{y_i} + N(0, I)), a simplex ETF (mode c) and the
    /// N(0, σ²) initialisation of the trained blocks. Deterministic in <see cref="UfmConfig.Seed"/>.
    /// </summary>
    public static UfmData Create(UfmConfig config)
    {
        config.Validate();
        var rng = new Random(config.Seed);
        if (config.FeaturesPath is not null)
        {
            var features = NpyReader.ReadMatrix(config.FeaturesPath);
            var labels = NpyReader.ReadLabels(config.LabelsPath!);
            if (features.Columns < 1) throw new InputException($"{config.FeaturesPath}: features have 0 columns (shape ({features.Rows}, 0))");
            InputValidation.CheckSameCount(features.Rows, labels.Length, config.FeaturesPath, config.LabelsPath!);
            var k = InputValidation.ResolveClasses(labels, null, config.LabelsPath!);
            InputValidation.CheckEveryClassPresent(InputValidation.CountClasses(labels, k), config.LabelsPath!);
            InputValidation.CheckFinite(features.Data, features.Columns, 0, config.FeaturesPath);
            var w = Gaussian(rng, k * features.Columns, config.InitScale);
            return new UfmData(k, features.Columns, labels, features.Data, w, config.FeaturesPath);
        }

        var counts = config.ClassCounts();
        var total = counts.Sum();
        var lab = new int[total];
        for (int c = 0, i = 0; c < counts.Length; c++)
            for (var j = 0; j < counts[c]; j++) lab[i++] = c;
        int kk = config.Classes, dd = config.Dim;
        switch (config.Mode)
        {
            case UfmMode.FixedFeatures:
                {
                    var means = Gaussian(rng, kk * dd, config.FeatureSeparation);
                    var h = Gaussian(rng, total * dd, 1.0);
                    for (var i = 0; i < total; i++)
                        for (var j = 0; j < dd; j++) h[i * dd + j] += means[lab[i] * dd + j];
                    return new UfmData(kk, dd, lab, h, Gaussian(rng, kk * dd, config.InitScale));
                }
            case UfmMode.FixedEtf:
                {
                    var etf = config.EtfSeed is { } s
                        ? SimplexEtf.Permute(SimplexEtf.Random(kk, dd, s), Permutations.Random(kk, unchecked(s * 7919 + 1)))
                        : SimplexEtf.Standard(kk, dd);
                    return new UfmData(kk, dd, lab, Gaussian(rng, total * dd, config.InitScale), etf.ToRowMajorArray());
                }
            default:
                {
                    var w = Gaussian(rng, kk * dd, config.InitScale);
                    var h = Gaussian(rng, total * dd, config.InitScale);
                    return new UfmData(kk, dd, lab, h, w);
                }
        }
    }

    private static double[] Gaussian(Random rng, int count, double scale)
    {
        var a = new double[count];
        for (var i = 0; i < count; i++) a[i] = scale * Collapse.Theory.Numerics.Gaussian.StandardNormal(rng);
        return a;
    }
}
