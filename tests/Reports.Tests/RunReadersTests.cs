using Collapse.Reports.Runs;
using Collapse.Reports.Tests.Fixtures;
using Collapse.Theory;
using Collapse.Theory.Claims;
using Xunit;

namespace Collapse.Reports.Tests;

/// <summary>The readers of run-folder tables: what they accept and the one-line errors for what they refuse.</summary>
public class RunReadersTests
{
    private static RunEpochs Epochs(string text) => RunEpochsReader.Read(new StringReader(text), "epochs.csv");

    private static InputException EpochsError(string text) => Assert.Throws<InputException>(() => Epochs(text));

    [Fact]
    public void CsvSplitsQuotedFieldsWithCommasAndDoubledQuotes()
    {
        Assert.Equal(["a", "b,c", "say \"hi\"", ""], CsvRecords.Split("a,\"b,c\",\"say \"\"hi\"\"\",", "f.csv", 1));
        Assert.Equal([""], CsvRecords.Split("", "f.csv", 1));
        Assert.Contains("line 7: unterminated quoted field", Assert.Throws<InputException>(() => CsvRecords.Split("a,\"b", "f.csv", 7)).Message);
        Assert.Contains("text after a closing quote", Assert.Throws<InputException>(() => CsvRecords.Split("\"a\"b", "f.csv", 1)).Message);
        Assert.Contains("stray quote", Assert.Throws<InputException>(() => CsvRecords.Split("a\"b", "f.csv", 1)).Message);
    }

    [Fact]
    public void EpochsAreReadSortedWithEmptyCellsAsNaNAndTheTptStart()
    {
        var e = Epochs("epoch,trainAccuracy,x\r\n3,1,\r\n1,0.5,2\r\n2,1,NaN\r\n");
        Assert.Equal([1, 2, 3], e.Epochs);
        Assert.Equal(["trainAccuracy", "x"], e.ColumnNames);
        Assert.Equal(2, e.Column("x")![0]);
        Assert.True(double.IsNaN(e.Column("x")![1]) && double.IsNaN(e.Column("x")![2]));
        Assert.Equal(2, e.TptStart);
        Assert.Equal(2, e.Last("x"));
        Assert.Null(e.Column("missing"));
        Assert.False(e.HasValues("missing"));
        Assert.Null(Epochs("epoch,trainAccuracy\n1,0.99\n").TptStart);
    }

    [Theory]
    [InlineData("", "empty file")]
    [InlineData("epoch,a\n", "no epoch rows")]
    [InlineData("step,a\n1,2\n", "no 'epoch' column")]
    [InlineData("epoch,a,a\n1,2,3\n", "column 'a' appears twice")]
    [InlineData("epoch,a\n1,2,3\n", "line 2: 3 cells, the header has 2")]
    [InlineData("epoch,a\n1,2\n2\n", "line 3: 1 cells")]
    [InlineData("epoch,a\n1,abc\n", "line 2, column a: 'abc' is not a number")]
    [InlineData("epoch,a\n1.5,2\n", "epoch '1.5' is not a non-negative integer")]
    [InlineData("epoch,a\n-1,2\n", "epoch '-1' is not a non-negative integer")]
    [InlineData("epoch,a\n1,2\n1,3\n", "line 3: epoch 1 appears twice")]
    [InlineData("epoch,a\n1,\"2\n", "unterminated quoted field")]
    public void MalformedEpochsAreOneLineErrorsNamingFileAndLine(string text, string expected)
    {
        var message = EpochsError(text).Message;
        Assert.StartsWith("epochs.csv: ", message);
        Assert.Contains(expected, message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void GammaKeepsTheLastEpochWithNaNOnTheDiagonal()
    {
        var g = GammaReader.Read(new StringReader(TestRuns.Gamma), "gamma.csv")!;
        Assert.Equal(5, g.Epoch);
        Assert.Equal(3, g.Classes);
        Assert.True(double.IsNaN(g.Values[1, 1]));
        Assert.Equal(0.25, g.Values[2, 0]);
        Assert.Equal([new GammaPair(2, 0, 0.25), new GammaPair(1, 2, 1), new GammaPair(0, 1, 1.5)], g.Worst(3));
        // K from the metadata makes the matrix larger; unlisted pairs are NaN.
        var larger = GammaReader.Read(new StringReader(TestRuns.Gamma), "gamma.csv", classes: 4)!;
        Assert.Equal(4, larger.Classes);
        Assert.True(double.IsNaN(larger.Values[3, 0]));
        Assert.Null(GammaReader.Read(new StringReader("epoch,k,l,gamma\n"), "gamma.csv"));
    }

    [Theory]
    [InlineData("", "empty file")]
    [InlineData("epoch,k,gamma\n", "header must name the columns epoch, k, l, gamma")]
    [InlineData("epoch,k,l,gamma\n1,0,0,2\n", "k = l = 0")]
    [InlineData("epoch,k,l,gamma\n1,0,x,2\n", "column l: 'x' is not a non-negative integer")]
    [InlineData("epoch,k,l,gamma\n1,0,1,two\n", "column gamma: 'two' is not a number")]
    [InlineData("epoch,k,l,gamma\n1,0,1\n", "3 cells, expected 4")]
    [InlineData("epoch,k,l,gamma\n1,0,1,2\n1,0,1,3\n", "pair (0, 1) appears twice")]
    [InlineData("epoch,k,l,gamma\n1,0,5000,3\n", "out of range")]
    public void MalformedGammaIsAnErrorNamingTheFile(string text, string expected)
    {
        var message = Assert.Throws<InputException>(() => GammaReader.Read(new StringReader(text), "gamma.csv")).Message;
        Assert.StartsWith("gamma.csv: ", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void GammaIndexBeyondTheDeclaredKIsAnError()
    {
        var message = Assert.Throws<InputException>(() => GammaReader.Read(new StringReader(TestRuns.Gamma), "gamma.csv", classes: 2)).Message;
        Assert.Contains("out of range for K = 2", message);
    }

    [Fact]
    public void ClaimsAreReadWithQuotedDetailsAndNaN()
    {
        var claims = RunClaimsReader.Read(new StringReader(TestRuns.Claims), "claims.csv");
        Assert.Equal(["nc1-decreases", "tpt-margin-growth", "tpt-test-accuracy-gain"], claims.Select(c => c.Id));
        Assert.Equal([Verdict.Holds, Verdict.Fails, Verdict.Inconclusive], claims.Select(c => c.Verdict));
        Assert.Equal("p_min fell, \"badly\"", claims[1].Detail);
        Assert.True(double.IsNaN(claims[2].Measured));
        Assert.Equal(-0.5, claims[0].Expected);
    }

    [Theory]
    [InlineData("id,verdict\n", "header must be claimId,verdict")]
    [InlineData("claimId,verdict,measured,expected,tolerance,detail\nx,maybe,1,0,0,d\n", "verdict 'maybe'")]
    [InlineData("claimId,verdict,measured,expected,tolerance,detail\nx,holds,1,0,0\n", "5 cells, expected 6")]
    [InlineData("claimId,verdict,measured,expected,tolerance,detail\n,holds,1,0,0,d\n", "empty claimId")]
    public void MalformedClaimsAreErrors(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<InputException>(() => RunClaimsReader.Read(new StringReader(text), "claims.csv")).Message);
}
