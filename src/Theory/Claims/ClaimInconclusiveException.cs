namespace Collapse.Theory.Claims;

/// <summary>
/// Thrown by a check that ran but cannot reach a verdict for a reason outside the claim itself: a simulation that
/// diverged, a training killed twice by a native fault. The report and <c>collapse check</c> turn it into an
/// <see cref="Verdict.Inconclusive"/> result whose detail is <see cref="Exception.Message"/> (no stack trace), unlike
/// an unexpected exception, which the report records as an error.
/// </summary>
public class ClaimInconclusiveException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> says what happened and how to avoid it, in one line.</summary>
    public ClaimInconclusiveException(string message) : base(message) { }

    /// <summary>Creates the exception with the exception that caused it.</summary>
    public ClaimInconclusiveException(string message, Exception inner) : base(message, inner) { }

    /// <summary>
    /// The Inconclusive result of <paramref name="claim"/> for this exception: the effective parameters (defaults
    /// overridden by the context's), NaN measurements, the context's seed, and the message as detail.
    /// </summary>
    public ClaimResult ToResult(IClaim claim, ClaimContext context)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(context);
        var parameters = new Dictionary<string, string>(claim.DefaultParameters, StringComparer.Ordinal);
        foreach (var kv in context.Parameters) parameters[kv.Key] = kv.Value;
        return new ClaimResult(claim.Id, parameters, double.NaN, double.NaN, double.NaN, Verdict.Inconclusive, context.Seed, Message);
    }
}
