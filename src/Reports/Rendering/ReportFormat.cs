using System.Globalization;
using Collapse.Reports.Model;
using Collapse.Theory.Claims;
using Collapse.Theory.IO;

namespace Collapse.Reports.Rendering;

/// <summary>Number and verdict formatting shared by the HTML and Markdown renderers.</summary>
public static class ReportFormat
{
    /// <summary>A number in short invariant form: 6 significant digits, lower-case exponent, "n/a" for NaN, ±∞.</summary>
    public static string Number(double v) => NumberFormat.Display(v);

    /// <summary>Seconds as "0.12 s" / "3.4 s" / "2 min 05 s".</summary>
    public static string Seconds(double s)
    {
        if (s < 10) return s.ToString("0.00", CultureInfo.InvariantCulture) + " s";
        if (s < 120) return s.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        var t = TimeSpan.FromSeconds(s);
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes} min {t.Seconds:00} s");
    }

    /// <summary>Lower-case verdict word: holds, fails, inconclusive.</summary>
    public static string Verdict(Verdict v) => v.Word();

    /// <summary>
    /// Case statistics in one line: "20 checked, 0 skipped; 3 informative (15%); median tightness 0.12; median slack 0.5"
    /// (the parts a claim does not report are left out).
    /// </summary>
    public static string Cases(CaseStatistics c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var parts = new List<string> { $"{c.Checked} checked, {c.Skipped} skipped" };
        if (c.Informative is int i)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{i} informative ({100 * c.InformativeFraction:0.#}%)"));
        if (double.IsFinite(c.MedianTightness)) parts.Add($"median tightness {Number(c.MedianTightness)}");
        if (double.IsFinite(c.MedianSlack)) parts.Add($"median slack {Number(c.MedianSlack)}");
        return string.Join("; ", parts);
    }

    /// <summary>Declared falsifiers as "name (what was broken); …", or "none declared yet".</summary>
    public static string Falsifiers(IReadOnlyList<Falsifier> falsifiers)
    {
        ArgumentNullException.ThrowIfNull(falsifiers);
        return falsifiers.Count == 0 ? "none declared yet" : string.Join("; ", falsifiers.Select(f => $"{f.Name} ({f.Broken})"));
    }

    /// <summary>A falsify-mode section's status: "caught 3/3", "NOT CAUGHT 1 of 3" or "no falsifier".</summary>
    public static string FalsifyStatus(ClaimSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var runs = section.FalsifierRuns;
        if (runs.Count == 0) return "no falsifier";
        var caught = runs.Count(r => r.Caught);
        return caught == runs.Count ? $"caught {caught}/{runs.Count}" : $"NOT CAUGHT {runs.Count - caught} of {runs.Count}";
    }

    /// <summary>Lower-case kind word: identity, inequality, asymptotic, empirical, definition.</summary>
    public static string Kind(ClaimKind k) => k.ToString().ToLowerInvariant();

    /// <summary>Label of the expected column: "bound" for inequalities, "expected" otherwise.</summary>
    public static string ExpectedLabel(ClaimKind k) => k == ClaimKind.Inequality ? "bound" : "expected";

    /// <summary>Bytes as GiB with one decimal.</summary>
    public static string Gibibytes(long bytes) =>
        (bytes / (1024.0 * 1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB";

    /// <summary>Parameters as "k=v, k=v" in key order (ordinal).</summary>
    public static string Parameters(IReadOnlyDictionary<string, string> p) =>
        p.Count == 0 ? "none" : string.Join(", ", p.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
}
