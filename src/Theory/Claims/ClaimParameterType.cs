namespace Collapse.Theory.Claims;

/// <summary>The value type of a <see cref="ClaimParameter"/>.</summary>
public enum ClaimParameterType
{
    /// <summary>A 32-bit integer (invariant culture).</summary>
    Int,
    /// <summary>A finite float64 number (invariant culture, e.g. <c>1e-6</c>).</summary>
    Real,
    /// <summary>A string, optionally restricted to a list of allowed values.</summary>
    Text,
    /// <summary>A comma-separated list of integers (may be empty).</summary>
    IntList,
    /// <summary>A comma-separated list of finite numbers (at least one).</summary>
    RealList,
}
