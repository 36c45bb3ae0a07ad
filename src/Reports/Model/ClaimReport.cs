namespace Collapse.Reports.Model;

/// <summary>
/// A proof-sanity report: run settings, environment, and one <see cref="ClaimSection"/> per claim checked.
/// Rendered to HTML, Markdown and JSON by <see cref="Collapse.Reports.Output.ReportWriter"/>.
/// </summary>
/// <param name="Title">Report title.</param>
/// <param name="Settings">Profile, seed, cases, filter, overrides.</param>
/// <param name="Environment">Versions, commit, machine.</param>
/// <param name="Sections">One section per claim, in registry order.</param>
/// <param name="WallSeconds">Wall time of the whole run in seconds.</param>
public sealed record ClaimReport(string Title, ReportSettings Settings, ReportEnvironment Environment,
    IReadOnlyList<ClaimSection> Sections, double WallSeconds)
{
    /// <summary>Verdict counts.</summary>
    public ReportSummary Summary => ReportSummary.Of(Sections);

    /// <summary>True iff every claim holds.</summary>
    public bool AllHold => Summary.AllHold;

    /// <summary>Falsifier counts (meaningful in falsify mode).</summary>
    public FalsifierSummary Falsifiers => FalsifierSummary.Of(Sections);

    /// <summary>
    /// What the CLI's exit code reports: every claim holds (normal mode) or every falsifier was caught (falsify mode,
    /// <see cref="ReportSettings.Falsify"/>).
    /// </summary>
    public bool Passed => Settings.Falsify ? Falsifiers.AllCaught : AllHold;
}
