using Collapse.Reports.Model;
using Collapse.Reports.Provenance;
using Collapse.Reports.Running;
using Collapse.Theory.Claims;

namespace Collapse.Reports.Tests.Fixtures;

/// <summary>Builds real reports from the fixture claims.</summary>
public static class TestReports
{
    public static ReportEnvironment Environment() =>
        EnvironmentProbe.Capture(typeof(TestReports).Assembly, [typeof(ReportRunner).Assembly], "collapse report --test");

    public static ClaimReport Run(IReadOnlyList<IClaim> claims, ReportSettings? settings = null) =>
        ReportRunner.Run(claims, settings ?? new ReportSettings("quick", 7, 20), Environment());

    /// <summary>Everything holds: Cauchy–Schwarz (c = 1) and the logistic rate.</summary>
    public static ClaimReport Passing() => Run([new CauchySchwarzClaim(), new LogisticRateClaim()]);

    /// <summary>Cauchy–Schwarz made false with c = 0.5, plus the logistic rate, plus a crashing check.</summary>
    public static ClaimReport Failing()
    {
        var claims = new IClaim[] { new LogisticRateClaim(), new CauchySchwarzClaim(), new ThrowingClaim() };
        var overrides = ParameterOverrides.Parse(["test-cauchy-schwarz:c=0.5"], claims);
        return Run(claims, new ReportSettings("quick", 7, 20) { ParameterOverrides = overrides });
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "collapse-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
