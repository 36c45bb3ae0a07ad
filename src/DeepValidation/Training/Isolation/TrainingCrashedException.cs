using Collapse.Theory.Claims;

namespace Collapse.DeepValidation.Training.Isolation;

/// <summary>
/// A training's child process was killed by a signal in both of its attempts (a native fault in libtorch, or the
/// out-of-memory killer). A <see cref="ClaimInconclusiveException"/>: a claim that needed the training is
/// Inconclusive naming the signal, and the other trainings' results are not affected.
/// </summary>
public sealed class TrainingCrashedException : ClaimInconclusiveException
{
    /// <summary>Creates the exception for job <paramref name="job"/> of <paramref name="jobs"/>.</summary>
    public TrainingCrashedException(int job, int jobs, TrainingOptions options, string signal, int attempts)
        : base($"training {job + 1} of {jobs} ({Describe(options)}) was killed by {signal} in "
            + $"{(attempts == 2 ? "both" : attempts.ToString(System.Globalization.CultureInfo.InvariantCulture))} attempts "
               + "(a native fault in libtorch; see docs/deep-validation.md, \"Native faults\"); no verdict")
    {
        Job = job;
        Signal = signal;
        Attempts = attempts;
    }

    /// <summary>0-based index of the training in its batch.</summary>
    public int Job { get; }

    /// <summary>The signal's name, e.g. <c>SIGSEGV</c>.</summary>
    public string Signal { get; }

    /// <summary>How many times it was started.</summary>
    public int Attempts { get; }

    /// <summary>"seed 3, mlp 64×2, fixed etf classifier (permutation seed 1002)".</summary>
    public static string Describe(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = options.Model;
        var text = $"seed {options.Seed}, {m.Kind.ToString().ToLowerInvariant()} {m.Width}×{m.Depth}, {options.Epochs} epochs";
        if (options.FixedClassifier is { } f)
            text += $", fixed {(f.Kind == Models.FixedClassifierKind.Etf ? "etf" : "hetero")} classifier" + (f.PermutationSeed is int p ? $" (permutation seed {p})" : "");
        return text;
    }
}
