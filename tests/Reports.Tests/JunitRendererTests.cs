using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Collapse.Reports.Model;
using Collapse.Reports.Rendering;
using Collapse.Reports.Tests.Fixtures;
using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.Reports.Tests;

/// <summary>The JUnit XML of a claims report: valid against the JUnit schema (tests/Reports.Tests/Schemas/junit.xsd), one testcase per claim, the right outcome elements.</summary>
public class JunitRendererTests
{
    private static readonly XmlSchemaSet Schema = LoadSchema();

    private static XmlSchemaSet LoadSchema()
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(Path.Combine(AppContext.BaseDirectory, "Schemas", "junit.xsd"));
        set.Add(null, reader);
        set.Compile();
        return set;
    }

    /// <summary>Validation errors and warnings of <paramref name="xml"/> against the schema (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(string xml)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schema };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read()) { }
        return problems;
    }

    /// <summary>Holds (logistic rate), fails (Cauchy–Schwarz with c = 0.5), throws, and an inconclusive check.</summary>
    private static ClaimReport Mixed()
    {
        var inconclusive = new DelegateClaim("test-undecided", c => new ClaimResult("test-undecided", new Dictionary<string, string>(),
            double.NaN, 0, 0, Verdict.Inconclusive, c.Seed, "the solver could not certify the instance"), kind: ClaimKind.Inequality);
        var claims = new IClaim[] { new LogisticRateClaim(), new CauchySchwarzClaim(), new ThrowingClaim(), inconclusive };
        var overrides = Collapse.Reports.Running.ParameterOverrides.Parse(["test-cauchy-schwarz:c=0.5"], claims);
        return TestReports.Run(claims, new ReportSettings("quick", 7, 20) { ParameterOverrides = overrides });
    }

    [Fact]
    public void OneTestcasePerClaimWithFailureErrorAndSkippedValidAgainstTheSchema()
    {
        var report = Mixed();
        var xml = JunitRenderer.Render(report);
        Assert.Empty(Validate(xml));

        var doc = XDocument.Parse(xml);
        var suites = doc.Root!;
        Assert.Equal("testsuites", suites.Name.LocalName);
        Assert.Equal("4", (string?)suites.Attribute("tests"));
        var suite = Assert.Single(suites.Elements("testsuite"));
        Assert.Equal(("4", "1", "1", "1"), ((string?)suite.Attribute("tests"), (string?)suite.Attribute("failures"), (string?)suite.Attribute("errors"), (string?)suite.Attribute("skipped")));
        Assert.Equal("collapse report --profile quick", (string?)suite.Attribute("name"));
        Assert.Equal("7", suite.Element("properties")!.Elements("property").Single(p => (string?)p.Attribute("name") == "seed").Attribute("value")!.Value);

        var cases = suite.Elements("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        Assert.Equal(report.Sections.Select(s => s.Id), cases.Keys);
        foreach (var s in report.Sections)
        {
            Assert.Equal(ReportFormat.Kind(s.Kind), (string?)cases[s.Id].Attribute("classname"));
            Assert.Equal(s.WallSeconds, double.Parse((string)cases[s.Id].Attribute("time")!, System.Globalization.CultureInfo.InvariantCulture), 3);
        }
        Assert.DoesNotContain(cases["test-logistic-rate"].Elements(), e => e.Name != "system-out");

        var falsified = report.Sections.Single(s => s.Id == "test-cauchy-schwarz");
        var failure = cases["test-cauchy-schwarz"].Element("failure")!;
        Assert.Contains($"replay seed {falsified.Result.Seed}", (string)failure.Attribute("message")!);
        Assert.Contains((falsified.FalsifyingInstance ?? falsified.Result.Detail).Split('\n')[0], (string)failure.Attribute("message")!);
        Assert.Contains(falsified.Replay, failure.Value);

        var error = cases["test-throws"].Element("error")!;
        Assert.Contains("InvalidOperationException", (string)error.Attribute("message")!);
        Assert.Contains("solver diverged <b>badly</b>", error.Value);

        Assert.Equal("inconclusive: the solver could not certify the instance", (string?)cases["test-undecided"].Element("skipped")!.Attribute("message"));
        Assert.Equal("inequality", (string?)cases["test-undecided"].Attribute("classname"));
    }

    [Fact]
    public void AllHoldingClaimsHaveNoFailures()
    {
        var xml = JunitRenderer.Render(TestReports.Passing());
        Assert.Empty(Validate(xml));
        var suite = XDocument.Parse(xml).Root!.Element("testsuite")!;
        Assert.Equal("0", (string?)suite.Attribute("failures"));
        Assert.Equal(2, suite.Elements("testcase").Count());
    }

    [Fact]
    public void CharactersXmlCannotCarryAreReplaced()
    {
        var claim = new DelegateClaim("test-control-chars", c => new ClaimResult("test-control-chars", new Dictionary<string, string>(),
            1, 0, 0, Verdict.Fails, c.Seed, "bad \u0001 byte and a lone \ud800 surrogate"));
        var xml = JunitRenderer.Render(TestReports.Run([claim]));
        Assert.Empty(Validate(xml));
        Assert.Contains("bad \uFFFD byte and a lone \uFFFD surrogate", xml);
    }

    [Fact]
    public void TheSchemaRejectsWhatIsNotJunit()
    {
        // Negative controls: the schema is not vacuous.
        var valid = JunitRenderer.Render(TestReports.Passing());
        Assert.NotEmpty(Validate(valid.Replace("<testcase name=\"test-logistic-rate\"", "<testcase", StringComparison.Ordinal)));
        Assert.NotEmpty(Validate(valid.Replace("<system-out>", "<stdout>", StringComparison.Ordinal).Replace("</system-out>", "</stdout>", StringComparison.Ordinal)));
        Assert.NotEmpty(Validate(valid.Replace("tests=\"2\"", "tests=\"-2\"", StringComparison.Ordinal)));
        Assert.NotEmpty(Validate(valid.Replace("time=\"", "time=\"x", StringComparison.Ordinal)));
        Assert.NotEmpty(Validate("<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"a\"><skipped/><failure/></testcase></testsuite></testsuites>"));
        Assert.NotEmpty(Validate("<results/>"));
    }
}
