namespace Collapse.Theory.Claims;

/// <summary>
/// The one verdict vocabulary: <c>holds</c> / <c>fails</c> / <c>inconclusive</c> in JSON, CSV and reports, and the
/// same words upper-case (<c>HOLDS</c> / <c>FAILS</c> / <c>INCONCLUSIVE</c>) at the start of a console line.
/// </summary>
public static class VerdictWords
{
    /// <summary>Lower-case word for files, JSON and report text.</summary>
    public static string Word(this Verdict verdict) => verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.Fails => "fails",
        _ => "inconclusive",
    };

    /// <summary>Upper-case label that starts a console line.</summary>
    public static string Label(this Verdict verdict) => verdict switch
    {
        Verdict.Holds => "HOLDS",
        Verdict.Fails => "FAILS",
        _ => "INCONCLUSIVE",
    };

    /// <summary>Reads a lower- or upper-case word back; false for anything else.</summary>
    public static bool TryParse(string text, out Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.Trim().ToLowerInvariant())
        {
            case "holds": verdict = Verdict.Holds; return true;
            case "fails": verdict = Verdict.Fails; return true;
            case "inconclusive": verdict = Verdict.Inconclusive; return true;
            default: verdict = Verdict.Inconclusive; return false;
        }
    }
}
