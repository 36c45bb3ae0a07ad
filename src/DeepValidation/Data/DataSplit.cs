namespace Collapse.DeepValidation.Data;

/// <summary>A named train/test pair with the same sample shape and class count.</summary>
/// <param name="Name">Dataset name as given on the command line (e.g. <c>mnist-subset</c>).</param>
/// <param name="Train">Training samples.</param>
/// <param name="Test">Held-out samples.</param>
public sealed record DataSplit(string Name, LabeledData Train, LabeledData Test)
{
    /// <summary>Number of classes K (the same in both parts).</summary>
    public int Classes => Train.Classes;
}
