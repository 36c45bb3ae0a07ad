namespace Collapse.Theory.Claims;

/// <summary>Slack of a claim result: how far the measured value is inside the claim (negative ⇔ outside).</summary>
public static class ClaimSlack
{
    /// <summary>
    /// Identity claims: Tolerance − |Measured − Expected|. Every other kind follows the convention
    /// "Measured ≤ Expected": Expected − Measured (for an upper bound, its distance above the measured quantity).
    /// </summary>
    public static double Of(ClaimResult result, ClaimKind kind)
    {
        ArgumentNullException.ThrowIfNull(result);
        return kind == ClaimKind.Identity
            ? result.Tolerance - Math.Abs(result.Measured - result.Expected)
            : result.Expected - result.Measured;
    }
}
