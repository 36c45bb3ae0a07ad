using System.Globalization;
using System.Text;
using System.Xml;
using Collapse.Reports.Model;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Rendering;

/// <summary>
/// Renders a <see cref="ClaimReport"/> as JUnit XML, the test-result format CI systems read (the Ant/Surefire
/// format; GitHub Actions test reporters, GitLab <c>artifacts:reports:junit</c>, Jenkins): one
/// <c>&lt;testsuites&gt;</c> with one <c>&lt;testsuite&gt;</c>, one <c>&lt;testcase&gt;</c> per claim with
/// <c>name</c> = claim id, <c>classname</c> = its kind (identity, inequality, …) and <c>time</c> = its wall time in
/// seconds. A falsified claim has a <c>&lt;failure&gt;</c> whose message names the falsifying instance and the replay
/// seed (the body adds the full instance and the replay command); an inconclusive claim is <c>&lt;skipped&gt;</c> with
/// the reason, except a check that threw, which is an <c>&lt;error&gt;</c> with the exception. Holding claims carry
/// their measured/expected values in <c>&lt;system-out&gt;</c>. Documented in docs/report.md.
/// </summary>
public static class JunitRenderer
{
    /// <summary>Renders the XML document (UTF-8 declaration, indented).</summary>
    public static string Render(ClaimReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sections = report.Sections;
        int failures = sections.Count(s => s.Verdict == Verdict.Fails);
        int errors = sections.Count(s => s.Verdict == Verdict.Inconclusive && s.Error is not null);
        int skipped = sections.Count(s => s.Verdict == Verdict.Inconclusive && s.Error is null);
        var settings = report.Settings;
        var env = report.Environment;
        var timestamp = env.StartedUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var suiteName = $"collapse report --profile {settings.Profile}";

        var sb = new StringBuilder(16 * 1024);
        using (var w = XmlWriter.Create(new StringWriterUtf8(sb), new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n" }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", report.Title);
            Counts(w, sections.Count, failures, errors, skipped, report.WallSeconds);
            w.WriteAttributeString("timestamp", timestamp);

            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", suiteName);
            Counts(w, sections.Count, failures, errors, skipped, report.WallSeconds);
            w.WriteAttributeString("timestamp", timestamp);
            w.WriteAttributeString("hostname", Clean(env.Machine));
            w.WriteStartElement("properties");
            Property(w, "profile", settings.Profile);
            Property(w, "seed", settings.Seed.ToString(CultureInfo.InvariantCulture));
            Property(w, "cases", settings.Cases.ToString(CultureInfo.InvariantCulture));
            Property(w, "claimFilter", string.Join(",", settings.ClaimFilter));
            Property(w, "collapseVersion", env.CollapseVersion);
            Property(w, "gitCommit", env.GitCommit);
            Property(w, "commandLine", env.CommandLine);
            w.WriteEndElement();

            foreach (var s in sections) TestCase(w, s, settings.Seed);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return sb.Append('\n').ToString();
    }

    private static void TestCase(XmlWriter w, ClaimSection s, int baseSeed)
    {
        var r = s.Result;
        w.WriteStartElement("testcase");
        w.WriteAttributeString("name", s.Id);
        w.WriteAttributeString("classname", ReportFormat.Kind(s.Kind));
        w.WriteAttributeString("time", Seconds(s.WallSeconds));
        var values = string.Create(CultureInfo.InvariantCulture,
            $"{s.Title}\nmeasured {ReportFormat.Number(r.Measured)}, {ReportFormat.ExpectedLabel(s.Kind)} {ReportFormat.Number(r.Expected)}, tolerance "
                + $"{ReportFormat.Number(r.Tolerance)}\nparameters: {ReportFormat.Parameters(r.Parameters)}\n{r.Detail}\nreplay: {s.Replay}");
        switch (r.Verdict)
        {
            case Verdict.Fails:
                w.WriteStartElement("failure");
                w.WriteAttributeString("type", "falsified");
                w.WriteAttributeString("message", Clean(string.Create(CultureInfo.InvariantCulture,
                    $"falsified: {FirstLine(s.FalsifyingInstance ?? r.Detail)} (replay seed {r.Seed})")));
                w.WriteString(Clean(string.Create(CultureInfo.InvariantCulture,
                    $"Falsifying instance (case seed {r.Seed}, derived from base seed {baseSeed}):\n{s.FalsifyingInstance ?? r.Detail}\n\n{values}")));
                w.WriteEndElement();
                break;
            case Verdict.Inconclusive when s.Error is not null:
                w.WriteStartElement("error");
                w.WriteAttributeString("type", "check-threw");
                w.WriteAttributeString("message", Clean(r.Detail));
                w.WriteString(Clean($"{s.Error}\n\n{values}"));
                w.WriteEndElement();
                break;
            case Verdict.Inconclusive:
                w.WriteStartElement("skipped");
                w.WriteAttributeString("message", Clean("inconclusive: " + r.Detail));
                w.WriteEndElement();
                break;
        }
        w.WriteElementString("system-out", Clean(values));
        w.WriteEndElement();
    }

    private static void Counts(XmlWriter w, int tests, int failures, int errors, int skipped, double seconds)
    {
        w.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("errors", errors.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("skipped", skipped.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("time", Seconds(seconds));
    }

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("value", Clean(value));
        w.WriteEndElement();
    }

    /// <summary>Seconds with millisecond resolution, invariant culture; negative or non-finite times as 0.</summary>
    private static string Seconds(double s) =>
        (double.IsFinite(s) && s > 0 ? s : 0).ToString("0.000", CultureInfo.InvariantCulture);

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        return line.Length <= 500 ? line : line[..500] + "…";
    }

    /// <summary>Replaces characters XML 1.0 cannot carry (control characters, lone surrogates) with U+FFFD.</summary>
    private static string Clean(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            var ok = char.IsHighSurrogate(ch) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                : char.IsLowSurrogate(ch) ? i > 0 && char.IsHighSurrogate(text[i - 1])
                : XmlConvert.IsXmlChar(ch);
            if (ok) { sb?.Append(ch); continue; }
            sb ??= new StringBuilder(text, 0, i, text.Length);
            sb.Append('\uFFFD');
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>A StringWriter that declares UTF-8 (the encoding the file is written in).</summary>
    private sealed class StringWriterUtf8(StringBuilder sb) : StringWriter(sb, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
