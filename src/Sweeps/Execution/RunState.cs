namespace Collapse.Sweeps.Execution;

/// <summary>Where a run stands, read from its folder.</summary>
public enum RunState
{
    /// <summary>No status.json yet: never run, running, or killed before it finished.</summary>
    Pending,

    /// <summary>Finished with a result (exit code 0, or 1 = a claim was falsified, and a JSON result).</summary>
    Done,

    /// <summary>Finished without a result (bad input, crash, missing or malformed output); see the error line.</summary>
    Failed,
}
