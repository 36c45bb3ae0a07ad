using MathNet.Numerics.LinearAlgebra;

namespace Collapse.Theory.IO;

/// <summary>A whole .npy array loaded as doubles in C (row-major) order, with its shape and source element type.</summary>
/// <param name="Data">Elements in row-major order.</param>
/// <param name="Shape">Array shape.</param>
/// <param name="SourceType">Element type on disk.</param>
public sealed record NpyArray(double[] Data, long[] Shape, NpyDType SourceType)
{
    /// <summary>Number of rows of a rank-2 array.</summary>
    public int Rows => (int)Shape[0];

    /// <summary>Number of columns of a rank-2 array.</summary>
    public int Columns => (int)Shape[1];

    /// <summary>The rank-2 array as a MathNet dense matrix (copies).</summary>
    public Matrix<double> ToMatrix()
    {
        if (Shape.Length != 2) throw new InvalidOperationException($"ToMatrix needs a rank-2 array, this one has shape {NpyHeader.FormatShape(Shape)}");
        var m = Matrix<double>.Build.Dense(Rows, Columns);
        for (var i = 0; i < Rows; i++)
            for (var j = 0; j < Columns; j++)
                m[i, j] = Data[(i * Columns) + j];
        return m;
    }
}
