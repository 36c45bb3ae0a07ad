namespace Collapse.DeepValidation.Training;

/// <summary>Receives the features, labels and last layer of chosen epochs (see <see cref="TrainingOptions.ExportEpochs"/>).</summary>
public interface IRunExporter
{
    /// <summary>Stores one epoch: train/test features (row-major N×d float64), labels, W (K×d row-major) and b (or null).</summary>
    void Export(int epoch, double[] trainFeatures, int[] trainLabels, double[] testFeatures, int[] testLabels,
        double[] weights, double[]? bias, int classes, int dim);
}
