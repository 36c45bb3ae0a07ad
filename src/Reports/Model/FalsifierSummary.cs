namespace Collapse.Reports.Model;

/// <summary>Counts of a falsify-mode report (<c>collapse report --falsify</c>).</summary>
/// <param name="Claims">Claims in the run.</param>
/// <param name="Declared">Falsifiers run (declared by those claims).</param>
/// <param name="Caught">Falsifiers whose claim's check reported Fails.</param>
/// <param name="NotCaught">"claim-id/falsifier-name" of every falsifier not caught.</param>
/// <param name="Pending">Ids of the claims that declare no falsifier yet.</param>
public sealed record FalsifierSummary(int Claims, int Declared, int Caught, IReadOnlyList<string> NotCaught, IReadOnlyList<string> Pending)
{
    /// <summary>True iff at least one falsifier ran and every one was caught (the CLI exits 0 exactly then).</summary>
    public bool AllCaught => Declared > 0 && Caught == Declared;

    /// <summary>Counts the falsifier runs of <paramref name="sections"/>.</summary>
    public static FalsifierSummary Of(IReadOnlyList<ClaimSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var notCaught = new List<string>();
        var pending = new List<string>();
        int declared = 0, caught = 0;
        foreach (var s in sections)
        {
            if (s.FalsifierRuns.Count == 0) pending.Add(s.Id);
            foreach (var f in s.FalsifierRuns)
            {
                declared++;
                if (f.Caught) caught++;
                else notCaught.Add($"{s.Id}/{f.Falsifier.Name}");
            }
        }
        return new FalsifierSummary(sections.Count, declared, caught, notCaught, pending);
    }

    /// <summary>One line, e.g. "62 falsifiers of 54 claims: 62 caught, 0 not caught; 1 claim declares none yet".</summary>
    public override string ToString()
    {
        var line = $"{Declared} falsifier{(Declared == 1 ? "" : "s")} of {Claims - Pending.Count} claim{(Claims - Pending.Count == 1 ? "" : "s")}: {Caught} caught, {Declared - Caught} not caught";
        if (Pending.Count > 0) line += $"; {Pending.Count} claim{(Pending.Count == 1 ? " declares" : "s declare")} none yet ({string.Join(", ", Pending)})";
        return line;
    }
}
