using System.Diagnostics;

namespace Collapse.Theory.Claims;

/// <summary>
/// Runs a claim's falsifiers: the claim's own check with the falsifier's parameter overrides on top of the base
/// context's (the falsifier wins), on the same cases and seed. A falsifier is caught iff the check reports
/// <see cref="Verdict.Fails"/>; Holds or Inconclusive means NOT caught, a defect of the claim to fix.
/// </summary>
public static class Falsification
{
    /// <summary>The context a falsifier runs with: <paramref name="baseContext"/> plus the falsifier's overrides.</summary>
    public static ClaimContext ContextFor(Falsifier falsifier, ClaimContext baseContext)
    {
        ArgumentNullException.ThrowIfNull(falsifier);
        ArgumentNullException.ThrowIfNull(baseContext);
        return baseContext.WithOverrides(falsifier.Overrides);
    }

    /// <summary>
    /// Runs one falsifier. Bad parameters (the base overrides or the falsifier's) throw <see cref="InputException"/>;
    /// a check that throws otherwise yields an Inconclusive result carrying the exception (not caught).
    /// </summary>
    public static FalsifierOutcome Run(IClaim claim, Falsifier falsifier, ClaimContext baseContext)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var context = ContextFor(falsifier, baseContext);
        var parameters = ClaimParameters.Resolve(claim, context);
        var clock = Stopwatch.StartNew();
        ClaimResult result;
        try
        {
            result = claim.CheckWithEvidence(context).Result;
        }
        catch (ClaimInconclusiveException inconclusive)
        {
            result = inconclusive.ToResult(claim, context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = new ClaimResult(claim.Info.Id, parameters.AsStrings(), double.NaN, double.NaN, double.NaN, Verdict.Inconclusive,
                context.Seed, $"the check threw {ex.GetType().Name}: {FirstLine(ex.Message)}");
        }
        return new FalsifierOutcome(falsifier, result, result.Verdict == Verdict.Fails, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Runs every falsifier of <paramref name="claim"/> in declaration order.</summary>
    public static IReadOnlyList<FalsifierOutcome> RunAll(IClaim claim, ClaimContext baseContext)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.Info.Falsifiers.Select(f => Run(claim, f, baseContext)).ToList();
    }

    /// <summary>
    /// Resolves the parameters of the base context and of every falsifier first, so that every parameter error
    /// (<see cref="InputException"/>) comes before anything runs, then runs every falsifier in declaration order.
    /// </summary>
    public static IReadOnlyList<FalsifierOutcome> ValidateAndRunAll(IClaim claim, ClaimContext baseContext)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ClaimParameters.Resolve(claim, baseContext);
        foreach (var f in claim.Info.Falsifiers) ClaimParameters.Resolve(claim, ContextFor(f, baseContext));
        return RunAll(claim, baseContext);
    }

    private static string FirstLine(string s)
    {
        var nl = s.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? s : s[..nl].TrimEnd();
    }
}
