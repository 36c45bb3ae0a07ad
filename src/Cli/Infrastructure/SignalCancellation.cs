using System.Runtime.InteropServices;

namespace Collapse.Cli.Infrastructure;

/// <summary>
/// Turns SIGINT and SIGTERM (Ctrl-C, <c>kill</c>, Slurm's <c>scancel</c>) into a cancellation, so that sweep
/// executors stop their child runs and exit without writing a status for them (they stay unfinished and are redone).
/// </summary>
public sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    /// <summary>Listens for SIGINT and SIGTERM until disposed.</summary>
    public SignalCancellation()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                Signal = context.Signal;
                context.Cancel = true;
                _source.Cancel();
            }));
        }
    }

    /// <summary>Cancelled when a signal arrives.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The signal that arrived, if any.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>Conventional exit code after a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM).</summary>
    public int ExitCode => Signal == PosixSignal.SIGTERM ? 143 : 130;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _source.Dispose();
    }
}
