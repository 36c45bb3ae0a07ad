namespace Collapse.Theory;

/// <summary>
/// Bad user input: a malformed or truncated file, a wrong dtype or shape, NaN/Inf, an empty class, a label out of
/// range, an impossible ETF, a bad flag. The message is one line that names the file, field or flag and says what is
/// wrong; the CLI prints it to stderr and exits with code 2, without a stack trace.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public InputException(string message) : base(message) { }

    /// <summary>Creates the exception with its one-line message and the underlying cause.</summary>
    public InputException(string message, Exception inner) : base(message, inner) { }
}
