namespace Collapse.Reports.Runs;

/// <summary>
/// The per-epoch table of a run folder (<c>epochs.csv</c>, written by <c>collapse deep train</c> and
/// <c>collapse analyze-run</c>; columns documented in docs/deep-validation.md): one row per epoch in increasing order,
/// every other column as numbers, NaN where a cell is empty (an unmeasured epoch, a metric the writer had no data for).
/// </summary>
public sealed class RunEpochs
{
    private readonly Dictionary<string, double[]> columns;

    /// <summary>Creates the table; every column has one value per epoch.</summary>
    /// <param name="epochs">Epoch numbers, strictly increasing.</param>
    /// <param name="columns">Column name → values (same length as <paramref name="epochs"/>), in file order.</param>
    public RunEpochs(IReadOnlyList<int> epochs, IReadOnlyList<KeyValuePair<string, double[]>> columns)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentNullException.ThrowIfNull(columns);
        for (var i = 1; i < epochs.Count; i++)
            if (epochs[i] <= epochs[i - 1]) throw new ArgumentException("epochs must increase strictly", nameof(epochs));
        Epochs = epochs;
        this.columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var names = new List<string>(columns.Count);
        foreach (var (name, values) in columns)
        {
            if (values.Length != epochs.Count) throw new ArgumentException($"column {name}: {values.Length} values for {epochs.Count} epochs", nameof(columns));
            if (!this.columns.TryAdd(name, values)) throw new ArgumentException($"column {name} given twice", nameof(columns));
            names.Add(name);
        }
        ColumnNames = names;
    }

    /// <summary>Epoch numbers, strictly increasing.</summary>
    public IReadOnlyList<int> Epochs { get; }

    /// <summary>Names of the value columns (every column but <c>epoch</c>), in file order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The values of a column (one per epoch, NaN where empty), or null when the file has no such column.</summary>
    public IReadOnlyList<double>? Column(string name) => columns.TryGetValue(name, out var v) ? v : null;

    /// <summary>True when the column exists and has at least one finite value.</summary>
    public bool HasValues(string name) => columns.TryGetValue(name, out var v) && v.Any(double.IsFinite);

    /// <summary>
    /// The TPT start t₀ of Papyan, Han and Donoho (2020): the first epoch whose <c>trainAccuracy</c> is exactly 1
    /// (100% of the training samples classified correctly), or null when no epoch reached it.
    /// </summary>
    public int? TptStart
    {
        get
        {
            if (Column("trainAccuracy") is not { } acc) return null;
            for (var i = 0; i < Epochs.Count; i++)
                if (acc[i] == 1.0) return Epochs[i];
            return null;
        }
    }

    /// <summary>The last finite value of a column, or NaN.</summary>
    public double Last(string name)
    {
        if (Column(name) is not { } v) return double.NaN;
        for (var i = v.Count - 1; i >= 0; i--)
            if (double.IsFinite(v[i])) return v[i];
        return double.NaN;
    }
}
