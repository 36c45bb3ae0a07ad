namespace Collapse.LeSde.Simulation;

/// <summary>
/// The simulated state at one time, as seen by an observer of <see cref="LeSdeSimulator.Run"/>: the representatives F̃
/// (N×m row-major, N = K·n, class-sorted: rows k·n … k·n + n − 1 belong to class k), their labels and the class means
/// F̄ (K×m). The arrays are the simulator's own and change after the observer returns: copy what you keep.
/// </summary>
public sealed class LeSdeState
{
    internal LeSdeState(int classes, int perClass, int dim, double[] features, int[] labels, double[] means)
    {
        Classes = classes;
        PerClass = perClass;
        Dim = dim;
        FeatureArray = features;
        LabelArray = labels;
        MeanArray = means;
    }

    internal double[] FeatureArray { get; set; }
    internal int[] LabelArray { get; }
    internal double[] MeanArray { get; }

    /// <summary>K.</summary>
    public int Classes { get; }
    /// <summary>n.</summary>
    public int PerClass { get; }
    /// <summary>m.</summary>
    public int Dim { get; }
    /// <summary>Time t of this state.</summary>
    public double Time { get; internal set; }
    /// <summary>Euler–Maruyama step index (0 = the initial state).</summary>
    public int Step { get; internal set; }
    /// <summary>The representatives, N×m row-major, class-sorted.</summary>
    public ReadOnlySpan<double> Features => FeatureArray;
    /// <summary>Labels of the rows of <see cref="Features"/>.</summary>
    public ReadOnlySpan<int> Labels => LabelArray;
    /// <summary>Class means F̄_k, K×m row-major (up to date at observation time).</summary>
    public ReadOnlySpan<double> Means => MeanArray;
    /// <summary>Row i of <see cref="Features"/>.</summary>
    public ReadOnlySpan<double> Row(int i) => FeatureArray.AsSpan(i * Dim, Dim);
    /// <summary>Mean of class k.</summary>
    public ReadOnlySpan<double> Mean(int k) => MeanArray.AsSpan(k * Dim, Dim);
}
