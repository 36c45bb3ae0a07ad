using System.Text.Json;
using Collapse.Sweeps.Specs;
using Collapse.Theory;

namespace Collapse.Sweeps;

/// <summary>Small JSON helpers shared by the sweep files.</summary>
internal static class SweepJson
{
    /// <summary>Writes a sweep value with its JSON kind (number, string, boolean).</summary>
    public static void WriteValue(Utf8JsonWriter w, SweepValue v)
    {
        switch (v.Kind)
        {
            case SweepValueKind.Number: w.WriteRawValue(v.Text); break;
            case SweepValueKind.Boolean: w.WriteBooleanValue(v.Text == "true"); break;
            default: w.WriteStringValue(v.Text); break;
        }
    }

    /// <summary>Parses a file that must hold one JSON object.</summary>
    /// <exception cref="InputException">Missing, unreadable, not JSON, or not an object.</exception>
    public static JsonDocument ReadObject(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException) { throw new InputException($"{path}: file not found"); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new InputException($"{path}: cannot read: {ex.Message}", ex); }
        return ParseObject(bytes, path);
    }

    /// <summary>Parses bytes that must hold one JSON object.</summary>
    /// <exception cref="InputException">Not JSON, or not an object.</exception>
    public static JsonDocument ParseObject(ReadOnlyMemory<byte> bytes, string where)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes); }
        catch (JsonException ex) { throw new InputException($"{where}: not valid JSON: {ex.Message}", ex); }
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw new InputException($"{where}: expected a JSON object");
        }
        return doc;
    }
}
