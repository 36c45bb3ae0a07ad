using Collapse.Theory;

namespace Collapse.DeepValidation.Data;

/// <summary>
/// Turns a <c>--dataset</c> value into a train/test split:
/// <list type="bullet">
/// <item><c>mnist-subset</c>, <c>fashion-subset</c>: the bundled real subsets (data/README.md);</item>
/// <item><c>idx:DIR</c>: a folder with <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
/// <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c> (each optionally <c>.gz</c>), e.g. full MNIST;</item>
/// <item><c>cifar10:DIR</c>: the CIFAR-10 binary batches;</item>
/// <item><c>gaussian[:k=…,d=…,…]</c>: a synthetic <see cref="GaussianDataset"/>.</item>
/// </list>
/// Images are scaled to [0, 1] and then standardised per channel with the training set's mean and standard deviation.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>Loads the dataset named by <paramref name="spec"/>.</summary>
    /// <param name="spec">The <c>--dataset</c> value.</param>
    /// <param name="trainPerClass">If set, keep only the first this-many training samples of every class.</param>
    /// <param name="testPerClass">If set, keep only the first this-many test samples of every class.</param>
    public static DataSplit Load(string spec, int? trainPerClass = null, int? testPerClass = null)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new InputException("--dataset: empty value");
        var colon = spec.IndexOf(':');
        var kind = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant();
        var arg = colon < 0 ? "" : spec[(colon + 1)..].Trim();
        DataSplit split = kind switch
        {
            "mnist-subset" or "fashion-subset" => Standardize(ReadIdxFolder(BundledData.Locate(kind), kind)),
            "idx" => Standardize(ReadIdxFolder(RequirePath(arg, spec), spec)),
            "cifar10" => Standardize(Cifar10Reader.ReadFolder(RequirePath(arg, spec), spec)),
            "gaussian" => GaussianDataset.Parse(arg, "--dataset gaussian").Generate(spec),
            _ => throw new InputException($"--dataset {spec}: unknown dataset (use mnist-subset, fashion-subset, idx:DIR, cifar10:DIR or gaussian:k=…,d=…)"),
        };
        if (trainPerClass is int tr) split = split with { Train = split.Train.TakePerClass(tr) };
        if (testPerClass is int te) split = split with { Test = split.Test.TakePerClass(te) };
        return split;
    }

    /// <summary>Reads an IDX folder laid out like the MNIST distribution (10 classes).</summary>
    public static DataSplit ReadIdxFolder(string folder, string name)
    {
        if (!Directory.Exists(folder)) throw new InputException($"--dataset {name}: folder {folder} not found");
        var trainImages = Find(folder, ["train-images-idx3-ubyte", "train-images.idx3-ubyte"], name);
        var trainLabels = Find(folder, ["train-labels-idx1-ubyte", "train-labels.idx1-ubyte"], name);
        var testImages = Find(folder, ["t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte", "test-images-idx3-ubyte"], name);
        var testLabels = Find(folder, ["t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte", "test-labels-idx1-ubyte"], name);
        var train = IdxReader.ReadImagesAndLabels(trainImages, trainLabels, 10);
        var test = IdxReader.ReadImagesAndLabels(testImages, testLabels, 10);
        if (!train.SampleShape.SequenceEqual(test.SampleShape))
            throw new InputException($"{testImages}: image shape [{string.Join(", ", test.SampleShape)}] differs from the training images' [{string.Join(", ", train.SampleShape)}]");
        return new DataSplit(name, train, test);
    }

    /// <summary>
    /// Standardises every channel with the training set's mean and (population) standard deviation, computed in
    /// float64; the same affine map is applied to the test set.
    /// </summary>
    public static DataSplit Standardize(DataSplit split)
    {
        var shape = split.Train.SampleShape;
        var channels = shape.Count == 3 ? shape[0] : 1;
        var perChannel = split.Train.SampleSize / channels;
        var mean = new double[channels];
        var std = new double[channels];
        var x = split.Train.Inputs;
        for (var c = 0; c < channels; c++)
        {
            double s = 0, ss = 0;
            long count = 0;
            for (var i = 0; i < split.Train.Count; i++)
            {
                var row = x.AsSpan(i * split.Train.SampleSize + c * perChannel, perChannel);
                foreach (var v in row) { s += v; ss += (double)v * v; }
                count += perChannel;
            }
            mean[c] = s / count;
            std[c] = Math.Sqrt(Math.Max(ss / count - mean[c] * mean[c], 0));
            if (std[c] < 1e-12) std[c] = 1;
        }
        return split with { Train = Apply(split.Train, mean, std, perChannel), Test = Apply(split.Test, mean, std, perChannel) };
    }

    private static LabeledData Apply(LabeledData data, double[] mean, double[] std, int perChannel)
    {
        var y = new float[data.Inputs.Length];
        for (var i = 0; i < y.Length; i++)
        {
            var c = i % data.SampleSize / perChannel;
            y[i] = (float)((data.Inputs[i] - mean[c]) / std[c]);
        }
        return new LabeledData(y, data.Labels, data.SampleShape.ToArray(), data.Classes, data.Source);
    }

    private static string RequirePath(string arg, string spec) =>
        string.IsNullOrEmpty(arg) ? throw new InputException($"--dataset {spec}: missing path after ':'") : arg;

    private static string Find(string folder, string[] stems, string name)
    {
        foreach (var stem in stems)
            foreach (var suffix in new[] { "", ".gz" })
            {
                var p = Path.Combine(folder, stem + suffix);
                if (File.Exists(p)) return p;
            }
        throw new InputException($"--dataset {name}: {Path.Combine(folder, stems[0])}[.gz] not found");
    }
}
