using System.Globalization;
using Collapse.Theory.IO;

namespace Collapse.Theory.Bounds;

/// <summary>Argument checks shared by the bound functions; failures are one-line <see cref="InputException"/>s naming the input.</summary>
internal static class Require
{
    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new InputException($"{name} must be a finite number > 0 (got {Fmt(value)})");
    }

    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new InputException($"{name} must be a finite number >= 0 (got {Fmt(value)})");
    }

    public static void Probability(double value, string name)
    {
        if (!(value > 0 && value < 1))
            throw new InputException($"{name} must lie in (0, 1) (got {Fmt(value)})");
    }

    public static void UnitInterval(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
            throw new InputException($"{name} must lie in [0, 1] (got {Fmt(value)})");
    }

    public static void AtLeast(int value, int min, string name)
    {
        if (value < min)
            throw new InputException($"{name} must be >= {min} (got {value})");
    }

    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new InputException($"{name} must be finite (got {Fmt(value)})");
    }

    public static void Rows(ReadOnlySpan<double> rowsRowMajor, int dim, string name)
    {
        AtLeast(dim, 1, "dim");
        if (rowsRowMajor.Length == 0 || rowsRowMajor.Length % dim != 0)
            throw new InputException($"{name}: length {rowsRowMajor.Length} is not a positive multiple of dim {dim}");
    }

    public static string Fmt(double v) => NumberFormat.Display(v);
}
