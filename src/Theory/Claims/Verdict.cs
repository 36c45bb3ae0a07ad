namespace Collapse.Theory.Claims;

/// <summary>Outcome of checking one claim.</summary>
public enum Verdict
{
    /// <summary>The measured value satisfies the claim within its tolerance.</summary>
    Holds,
    /// <summary>A case falsifies the claim.</summary>
    Fails,
    /// <summary>The check could not be evaluated (e.g. a precondition was not met); never counted as holding.</summary>
    Inconclusive,
}
