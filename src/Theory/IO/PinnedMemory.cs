using System.Buffers;

namespace Collapse.Theory.IO;

/// <summary>A <see cref="Memory{T}"/> over memory that the caller keeps pinned (a <c>fixed</c> span) for the lifetime of this object.</summary>
internal sealed unsafe class PinnedMemory(double* pointer, int length) : MemoryManager<double>
{
    /// <inheritdoc />
    public override Span<double> GetSpan() => new(pointer, length);

    /// <inheritdoc />
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    /// <inheritdoc />
    public override void Unpin() { }

    /// <inheritdoc />
    protected override void Dispose(bool disposing) { }
}
