namespace Collapse.Properties.Tests.Core;

/// <summary>Assertion helper for properties: throws with both values and the tolerance so FsCheck prints them.</summary>
public static class Near
{
    public static void Equal(double expected, double actual, double tol, string what)
    {
        double err = Math.Abs(expected - actual);
        double scale = Math.Max(1.0, Math.Abs(expected));
        if (!(err <= tol * scale))
            throw new Exception($"{what}: expected {expected:R}, got {actual:R}, |diff| {err:E3} > {tol:E1}·max(1,|expected|)");
    }

    public static void True(bool condition, string message)
    {
        if (!condition) throw new Exception(message);
    }
}
