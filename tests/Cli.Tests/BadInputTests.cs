using System.Buffers.Binary;
using Xunit;

namespace Collapse.Cli.Tests;

/// <summary>Every bad input exits with code 2 and one line on stderr that names the file or flag and the problem.</summary>
public class BadInputTests
{
    private static void AssertBadInput(CliRunner.Result r, params string[] fragments)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.StartsWith("error: ", r.Stderr);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
        foreach (var f in fragments) Assert.Contains(f, r.Stderr);
    }

    private static CliRunner.Result Metrics(string features, string labels, params string[] extra) =>
        CliRunner.Run(["metrics", "--features", features, "--labels", labels, .. extra]);

    private static byte[] Doubles(params double[] v)
    {
        var b = new byte[v.Length * 8];
        for (var i = 0; i < v.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(i * 8), v[i]);
        return b;
    }

    [Fact]
    public void TruncatedFeatures()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet();
        var bytes = File.ReadAllBytes(h);
        File.WriteAllBytes(h, bytes[..^3]);
        AssertBadInput(Metrics(h, y), "features.npy", "truncated data");
    }

    [Fact]
    public void FeaturesThatAreNotNpy()
    {
        using var fx = new NpyFixtures();
        var (_, y, _, _) = fx.ValidSet();
        var csv = fx.PathOf("features.csv");
        File.WriteAllText(csv, "1,2,3\n4,5,6\n");
        AssertBadInput(Metrics(csv, y), "features.csv", "not an .npy file");
    }

    [Fact]
    public void FortranOrderFeatures()
    {
        using var fx = new NpyFixtures();
        var y = fx.WriteLabels("labels.npy", 0, 1);
        var h = fx.Craft("fortran.npy", NpyFixtures.Dict("<f8", "(2, 2)", fortran: true), Doubles(1, 2, 3, 4));
        AssertBadInput(Metrics(h, y), "fortran.npy", "Fortran-order");
    }

    [Fact]
    public void BigEndianFeatures()
    {
        using var fx = new NpyFixtures();
        var y = fx.WriteLabels("labels.npy", 0, 1);
        var h = fx.Craft("be.npy", NpyFixtures.Dict(">f4", "(2, 2)"), new byte[16]);
        AssertBadInput(Metrics(h, y), "be.npy", "big-endian", "'>f4'");
    }

    [Fact]
    public void UnsupportedFeatureDType()
    {
        using var fx = new NpyFixtures();
        var y = fx.WriteLabels("labels.npy", 0, 1);
        var h = fx.Craft("half.npy", NpyFixtures.Dict("<f2", "(2, 2)"), new byte[8]);
        AssertBadInput(Metrics(h, y), "half.npy", "unsupported dtype", "float16");
    }

    [Fact]
    public void LabelsOfWrongRank()
    {
        using var fx = new NpyFixtures();
        var (h, _, _, _) = fx.ValidSet();
        var y = fx.Craft("labels2d.npy", NpyFixtures.Dict("<i4", "(3, 4)"), new byte[48]);
        AssertBadInput(Metrics(h, y), "labels2d.npy: expected a rank-1 array, got shape (3, 4)");
    }

    [Fact]
    public void FeaturesOfWrongRank()
    {
        using var fx = new NpyFixtures();
        var y = fx.WriteLabels("labels.npy", 0, 1, 0);
        var h = fx.Craft("flat.npy", NpyFixtures.Dict("<f8", "(3,)"), Doubles(1, 2, 3));
        AssertBadInput(Metrics(h, y), "flat.npy: expected a rank-2 array (rows × columns), got shape (3,)");
    }

    [Fact]
    public void SampleCountMismatch()
    {
        using var fx = new NpyFixtures();
        var (h, _, _, _) = fx.ValidSet(k: 3, perClass: 4);
        var y = fx.WriteLabels("short.npy", 0, 1, 2, 0, 1);
        AssertBadInput(Metrics(h, y), "features.npy has 12 rows but", "short.npy has 5 labels");
    }

    [Fact]
    public void NegativeLabel()
    {
        using var fx = new NpyFixtures();
        var h = fx.WriteFeatures("h.npy", [1, 2, 3, 4, 5, 6], 3, 2);
        var y = fx.WriteLabels("neg.npy", 0, -1, 1);
        AssertBadInput(Metrics(h, y), "neg.npy: label at index 1 is -1");
    }

    [Fact]
    public void LabelOutOfRangeForGivenClasses()
    {
        using var fx = new NpyFixtures();
        var h = fx.WriteFeatures("h.npy", [1, 2, 3, 4, 5, 6], 3, 2);
        var y = fx.WriteLabels("y.npy", 0, 1, 2);
        AssertBadInput(Metrics(h, y, "--classes", "2"), "y.npy: label at index 2 is 2, outside [0, 2)");
    }

    [Fact]
    public void EmptyClass()
    {
        using var fx = new NpyFixtures();
        var h = fx.WriteFeatures("h.npy", [1, 2, 3, 4, 5, 6, 7, 8], 4, 2);
        var y = fx.WriteLabels("y.npy", 0, 1, 2, 4);
        AssertBadInput(Metrics(h, y), "y.npy: class 3 has no samples");
    }

    [Fact]
    public void EmptyClassBecauseOfClassesFlag()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet(k: 3);
        AssertBadInput(Metrics(h, y, "--classes", "4"), "class 3 has no samples");
    }

    [Fact]
    public void NanFeature()
    {
        using var fx = new NpyFixtures();
        var h = fx.WriteFeatures("h.npy", [1, 2, 3, double.NaN, 5, 6], 3, 2);
        var y = fx.WriteLabels("y.npy", 0, 1, 0);
        AssertBadInput(Metrics(h, y), "h.npy: NaN at row 1, column 1");
    }

    [Fact]
    public void InfiniteFeature()
    {
        using var fx = new NpyFixtures();
        var h = fx.WriteFeatures("h.npy", [1, 2, 3, 4, double.PositiveInfinity, 6], 3, 2);
        var y = fx.WriteLabels("y.npy", 0, 1, 0);
        AssertBadInput(Metrics(h, y), "h.npy: +Inf at row 2, column 0");
    }

    [Fact]
    public void ClassifierOfWrongShape()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet(k: 3, d: 5);
        var w = fx.WriteFeatures("W_bad.npy", new double[15], 5, 3);
        AssertBadInput(Metrics(h, y, "--classifier", w), "W_bad.npy: classifier shape (5, 3) does not match K × d = (3, 5)");
    }

    [Fact]
    public void ClassifierWithNan()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet(k: 3, d: 5);
        var bad = new double[15];
        bad[7] = double.NaN;
        var w = fx.WriteFeatures("W_nan.npy", bad, 3, 5);
        AssertBadInput(Metrics(h, y, "--classifier", w), "W_nan.npy: NaN at row 1, column 2");
    }

    [Fact]
    public void BiasOfWrongLength()
    {
        using var fx = new NpyFixtures();
        var (h, y, w, _) = fx.ValidSet(k: 3);
        var b = fx.PathOf("b4.npy");
        Collapse.Theory.IO.NpyWriter.WriteVector(b, [0.0, 0, 0, 0]);
        AssertBadInput(Metrics(h, y, "--classifier", w, "--bias", b), "b4.npy: bias length 4 does not match K = 3");
    }

    [Fact]
    public void BiasWithoutClassifier()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, b) = fx.ValidSet();
        AssertBadInput(Metrics(h, y, "--bias", b), "b.npy", "needs a classifier");
    }

    [Fact]
    public void MissingFeaturesFile()
    {
        using var fx = new NpyFixtures();
        var (_, y, _, _) = fx.ValidSet();
        AssertBadInput(Metrics(fx.PathOf("nope.npy"), y), "nope.npy: file not found");
    }

    [Fact]
    public void NonPositiveChunkRows()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet();
        AssertBadInput(Metrics(h, y, "--chunk-rows", "0"), "--chunk-rows 0");
    }

    [Fact]
    public void UnknownFlag()
    {
        using var fx = new NpyFixtures();
        var (h, y, _, _) = fx.ValidSet();
        AssertBadInput(Metrics(h, y, "--frobnicate"), "--frobnicate");
    }

    [Fact]
    public void MissingRequiredFlag() =>
        AssertBadInput(CliRunner.Run("metrics", "--features", "h.npy"), "--labels");

    [Fact]
    public void EtfWithMoreClassesThanDimensionPlusOne() =>
        AssertBadInput(CliRunner.Run("etf", "--classes", "5", "--dim", "3"), "--classes 5 --dim 3", "d ≥ K−1 = 4");

    [Fact]
    public void EtfWithFewerThanTwoClasses() =>
        AssertBadInput(CliRunner.Run("etf", "--classes", "1", "--dim", "3"), "--classes 1", "K ≥ 2");

    [Fact]
    public void EtfWithUnknownFlag() =>
        AssertBadInput(CliRunner.Run("etf", "--classes", "3", "--dim", "3", "--orthogonal"), "--orthogonal");

    [Fact]
    public void EtfOutIntoMissingFolder()
    {
        using var fx = new NpyFixtures();
        AssertBadInput(CliRunner.Run("etf", "--classes", "3", "--dim", "3", "--out", Path.Combine(fx.Dir, "no", "m.npy")), "m.npy", "does not exist");
    }
}
