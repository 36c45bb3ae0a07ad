using Collapse.DeepValidation.Output;
using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.DeepValidation.Tests.Output;

public class ClaimTableTests
{
    [Fact]
    public void DetailsAreQuotedAndNumbersRoundTrip()
    {
        var claims = new[]
        {
            new ClaimResult("nc1-decreases", new Dictionary<string, string>(), -0.1 / 3, -0.5, 0, Verdict.Holds, 0, "a, b and \"c\""),
            new ClaimResult("tpt-margin-growth", new Dictionary<string, string>(), double.NaN, 0, 0, Verdict.Inconclusive, 0, "no TPT"),
        };
        var lines = ClaimTable.Format(claims).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("claimId,verdict,measured,expected,tolerance,detail", lines[0]);
        Assert.Equal("nc1-decreases,holds,-0.03333333333333333,-0.5,0,\"a, b and \"\"c\"\"\"", lines[1]);
        Assert.Equal(-0.1 / 3, double.Parse(lines[1].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("tpt-margin-growth,inconclusive,nan,0,0,\"no TPT\"", lines[2]);
    }
}
