using Collapse.Theory.Validation;
using Xunit;

namespace Collapse.Theory.Tests.Validation;

public class InputValidationTests
{
    [Fact]
    public void ClassCountIsInferredAsMaxLabelPlusOne() =>
        Assert.Equal(4, InputValidation.ResolveClasses([0, 3, 1, 2, 3], null, "y.npy"));

    [Fact]
    public void GivenClassCountWinsOverInference() =>
        Assert.Equal(6, InputValidation.ResolveClasses([0, 3, 1, 0, 1, 3], 6, "y.npy"));

    [Fact]
    public void MoreClassesThanLabelsNamesAnEmptyClassWithoutAllocatingK()
    {
        var ex = Assert.Throws<InputException>(() => InputValidation.ResolveClasses([0, 3, 1], 6, "y.npy"));
        Assert.StartsWith("y.npy: class 2 has no samples (3 empty classes: 2", ex.Message, StringComparison.Ordinal);
        var huge = Assert.Throws<InputException>(() => InputValidation.ResolveClasses([0, 1, 0], int.MaxValue, "y.npy"));
        Assert.Contains($"every class 0..{int.MaxValue - 1} needs at least one", huge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeLabelIsNamedByItsFirstIndex()
    {
        var ex = Assert.Throws<InputException>(() => InputValidation.ResolveClasses([0, 1, -1, -2], null, "y.npy"));
        Assert.Equal("y.npy: label at index 2 is -1; labels must be integers in [0, K)", ex.Message);
    }

    [Fact]
    public void LabelAtOrAboveGivenKIsNamedByItsFirstIndex()
    {
        var ex = Assert.Throws<InputException>(() => InputValidation.ResolveClasses([0, 1, 2, 3], 3, "y.npy"));
        Assert.Equal("y.npy: label at index 3 is 3, outside [0, 3) for K = 3 from --classes", ex.Message);
    }

    [Fact]
    public void OneClassIsNotEnough()
    {
        Assert.Contains("K = 1", Assert.Throws<InputException>(() => InputValidation.ResolveClasses([0, 0], null, "y.npy")).Message);
        Assert.Contains("--classes", Assert.Throws<InputException>(() => InputValidation.ResolveClasses([0, 0], 1, "y.npy")).Message);
    }

    [Fact]
    public void EmptyLabelsAreRejected() =>
        Assert.Contains("no labels", Assert.Throws<InputException>(() => InputValidation.ResolveClasses([], null, "y.npy")).Message);

    [Fact]
    public void EmptyClassIsNamed()
    {
        var counts = InputValidation.CountClasses([0, 1, 2, 4, 0], 6);
        Assert.Equal(new[] { 2, 1, 1, 0, 1, 0 }, counts);
        var ex = Assert.Throws<InputException>(() => InputValidation.CheckEveryClassPresent(counts, "y.npy"));
        Assert.StartsWith("y.npy: class 3 has no samples (2 empty classes: 3, 5)", ex.Message);
    }

    [Fact]
    public void NonFiniteValueIsNamedByAbsoluteRowAndColumn()
    {
        double[] block = [1, 2, 3, 4, double.NaN, 6];
        var ex = Assert.Throws<InputException>(() => InputValidation.CheckFinite(block, 3, 100, "h.npy"));
        Assert.Equal("h.npy: NaN at row 101, column 1; all values must be finite", ex.Message);
        block[4] = double.NegativeInfinity;
        Assert.Contains("-Inf at row 101, column 1", Assert.Throws<InputException>(() => InputValidation.CheckFinite(block, 3, 100, "h.npy")).Message);
        block[4] = 5;
        InputValidation.CheckFinite(block, 3, 100, "h.npy");
    }

    [Fact]
    public void MismatchedSampleCountsAreReported() =>
        Assert.Equal("h.npy has 10 rows but y.npy has 9 labels; N must match",
            Assert.Throws<InputException>(() => InputValidation.CheckSameCount(10, 9, "h.npy", "y.npy")).Message);

    [Fact]
    public void ClassifierShapeMustBeKByD()
    {
        InputValidation.CheckClassifierShape([3, 5], 3, 5, "W.npy");
        Assert.Equal("W.npy: classifier shape (5, 3) does not match K × d = (3, 5)",
            Assert.Throws<InputException>(() => InputValidation.CheckClassifierShape([5, 3], 3, 5, "W.npy")).Message);
    }

    [Fact]
    public void BiasLengthMustBeK()
    {
        InputValidation.CheckBiasLength(4, 4, "b.npy");
        Assert.Equal("b.npy: bias length 3 does not match K = 4",
            Assert.Throws<InputException>(() => InputValidation.CheckBiasLength(3, 4, "b.npy")).Message);
    }
}
