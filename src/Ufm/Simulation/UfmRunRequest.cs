using Collapse.Theory;
using Collapse.Ufm.Model;

namespace Collapse.Ufm.Simulation;

/// <summary>
/// What one <c>collapse ufm</c> invocation runs (<see cref="UfmRunner.Run(UfmRunRequest, IProgress{long}?, Action{string}?)"/>):
/// a validated configuration into a new output folder, or the continuation of the run checkpointed in a folder.
/// </summary>
public sealed record UfmRunRequest
{
    private UfmRunRequest(UfmConfig? config, string directory, long checkpointEvery)
    {
        Config = config;
        Directory = directory;
        CheckpointEvery = checkpointEvery;
    }

    /// <summary>The configuration of a new run; null when the request resumes a checkpointed run.</summary>
    public UfmConfig? Config { get; }

    /// <summary>The folder the run writes into: the output folder of a new run, the resumed folder otherwise.</summary>
    public string Directory { get; }

    /// <summary>Checkpoint interval S of a new run (0: none).</summary>
    public long CheckpointEvery { get; }

    /// <summary>Whether the request continues a checkpointed run.</summary>
    public bool Resumes => Config is null;

    /// <summary>Steps a new run will take (0 for a resumed run, whose remaining steps are known only from its checkpoint).</summary>
    public long TotalSteps => Config?.Steps ?? 0;

    /// <summary>A new run of <paramref name="config"/> (validated here) into <paramref name="outputDirectory"/>.</summary>
    /// <exception cref="InputException">The configuration is invalid.</exception>
    public static UfmRunRequest New(string outputDirectory, UfmConfig config, long checkpointEvery)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        return new UfmRunRequest(config, outputDirectory, checkpointEvery);
    }

    /// <summary>
    /// The continuation of the run checkpointed in <paramref name="directory"/>, which it rewrites; an
    /// <paramref name="outputDirectory"/> other than that folder is an error.
    /// </summary>
    /// <exception cref="InputException"><paramref name="outputDirectory"/> names another folder.</exception>
    public static UfmRunRequest Resume(string directory, string? outputDirectory)
    {
        if (outputDirectory is not null && Path.GetFullPath(outputDirectory) != Path.GetFullPath(directory))
            throw new InputException("--out: a resumed run writes into its --resume folder; leave --out out");
        return new UfmRunRequest(null, directory, 0);
    }
}
