namespace Collapse.Cli.Tests.Fuzz;

/// <summary>What a fuzz case must end with.</summary>
internal enum FuzzOutcome
{
    /// <summary>Exit 2, exactly one stderr line <c>error: …</c> (naming the file or flag), nothing on stdout, nothing written.</summary>
    BadInput,

    /// <summary>
    /// No crash: exit 0 with a whole result on stdout (valid JSON under <c>--json</c>) and no error line (progress lines
    /// are allowed), or exit 2 as <see cref="BadInput"/>. For extreme but finite inputs whose numeric contract (null
    /// with a reason, ±∞ with a reason) belongs to the metrics core (issue 15 items 2/3); the corpus only pins "no crash".
    /// </summary>
    NoCrash,

    /// <summary>
    /// A defined answer: exit 0 with a whole result on stdout (valid JSON under <c>--json</c>) and no error line. For
    /// extreme scales and degenerate geometry that the metrics and the SVM handle (null or ±∞ with a reason).
    /// </summary>
    Result,

    /// <summary>
    /// Exit 4 (a simulation diverged, docs/cli.md): <c>warning:</c> lines at most, then one <c>error: run diverged …</c>
    /// line; the output folder keeps trajectory.csv and summary.json up to the last finite step.
    /// </summary>
    Diverged,
}

/// <summary>
/// One generated bad or extreme input: the command it targets (the first word after <c>collapse</c>), a name unique in
/// the corpus, the arguments (built in the case's own <see cref="FuzzWorkspace"/>), the outcome and text fragments the
/// one stderr line must contain.
/// </summary>
internal sealed record FuzzCase(string Command, string Name, Func<FuzzWorkspace, string[]> Args, FuzzOutcome Outcome, params string[] Fragments)
{
    /// <summary>The theory's data row: <c>command/name</c>.</summary>
    public string Id => $"{Command}/{Name}";

    public override string ToString() => Id;
}
