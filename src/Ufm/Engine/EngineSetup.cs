using Collapse.Ufm.Model;

namespace Collapse.Ufm.Engine;

/// <summary>
/// Everything an engine needs: sizes, labels, the starting point (row-major W K×d, features H stored sample-major
/// N×d, i.e. row i = h_i, bias b) and the optimisation hyper-parameters.
/// </summary>
internal sealed record EngineSetup(
    int Classes, int Dim, int[] Labels,
    double[] W, double[] H, double[]? B,
    UfmLoss Loss, bool TrainW, bool TrainH,
    double LambdaW, double LambdaH, double LambdaB,
    double Momentum, UfmPrecision Precision, string Device)
{
    /// <summary>N.</summary>
    public int Samples => Labels.Length;
    /// <summary>Whether a bias is present (it is trained whenever present).</summary>
    public bool HasBias => B is not null;
}
