using Collapse.Theory;

namespace Collapse.DeepValidation.Data;

/// <summary>
/// Labelled samples held in memory: inputs as one row-major float32 array of <see cref="Count"/> samples, each of
/// shape <see cref="SampleShape"/> (e.g. <c>[1, 28, 28]</c> for a grey image, <c>[d]</c> for a vector), and integer
/// labels in <c>0..Classes-1</c>.
/// </summary>
public sealed class LabeledData
{
    /// <summary>Creates the set; checks sizes and label range.</summary>
    /// <param name="inputs">Row-major inputs, <c>labels.Length × Π sampleShape</c> values.</param>
    /// <param name="labels">One label per sample, in <c>0..classes-1</c>.</param>
    /// <param name="sampleShape">Shape of one sample (channels, height, width for images; dimension for vectors).</param>
    /// <param name="classes">Number of classes K.</param>
    /// <param name="source">Where the data came from (file or generator), used in error messages.</param>
    public LabeledData(float[] inputs, int[] labels, int[] sampleShape, int classes, string source)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(sampleShape);
        Source = source;
        var size = 1L;
        foreach (var s in sampleShape)
        {
            if (s <= 0) throw new InputException($"{source}: sample shape [{string.Join(", ", sampleShape)}] has a non-positive size");
            size *= s;
        }
        if (size * labels.Length != inputs.LongLength)
            throw new InputException($"{source}: {inputs.LongLength} input values for {labels.Length} samples of shape [{string.Join(", ", sampleShape)}]");
        if (classes < 2) throw new InputException($"{source}: {classes} classes; at least 2 are needed");
        for (var i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classes)
                throw new InputException($"{source}: label {labels[i]} of sample {i} is outside 0..{classes - 1}");
        Inputs = inputs;
        Labels = labels;
        SampleShape = (int[])sampleShape.Clone();
        SampleSize = (int)size;
        Classes = classes;
    }

    /// <summary>Row-major inputs, <see cref="Count"/> × <see cref="SampleSize"/>.</summary>
    public float[] Inputs { get; }

    /// <summary>Labels, one per sample.</summary>
    public int[] Labels { get; }

    /// <summary>Shape of one sample.</summary>
    public IReadOnlyList<int> SampleShape { get; }

    /// <summary>Number of values per sample (product of <see cref="SampleShape"/>).</summary>
    public int SampleSize { get; }

    /// <summary>Number of classes K.</summary>
    public int Classes { get; }

    /// <summary>Number of samples N.</summary>
    public int Count => Labels.Length;

    /// <summary>File or generator the data came from.</summary>
    public string Source { get; }

    /// <summary>Samples per class (length K).</summary>
    public int[] ClassCounts()
    {
        var counts = new int[Classes];
        foreach (var y in Labels) counts[y]++;
        return counts;
    }

    /// <summary>
    /// A class-balanced prefix: the first <paramref name="perClass"/> samples of every class, in file order.
    /// Throws <see cref="InputException"/> if some class has fewer.
    /// </summary>
    public LabeledData TakePerClass(int perClass)
    {
        if (perClass <= 0) throw new InputException($"{Source}: --per-class must be positive (got {perClass})");
        var taken = new int[Classes];
        var rows = new List<int>(perClass * Classes);
        for (var i = 0; i < Count; i++)
            if (taken[Labels[i]] < perClass) { taken[Labels[i]]++; rows.Add(i); }
        for (var k = 0; k < Classes; k++)
            if (taken[k] < perClass) throw new InputException($"{Source}: class {k} has {taken[k]} samples, fewer than the {perClass} asked for");
        var inputs = new float[(long)rows.Count * SampleSize];
        var labels = new int[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            Array.Copy(Inputs, (long)rows[r] * SampleSize, inputs, (long)r * SampleSize, SampleSize);
            labels[r] = Labels[rows[r]];
        }
        return new LabeledData(inputs, labels, SampleShape.ToArray(), Classes, Source);
    }
}
