using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Collapse.Theory.IO;

/// <summary>
/// The one JSON convention of every file and every <c>--json</c> output (docs/cli.md, "Number and JSON
/// conventions"): camelCase names, indented, non-ASCII text unescaped, and NaN/±∞ written as <c>null</c> because JSON
/// has no literal for them. Writers that build JSON by hand use <see cref="WriteFiniteOrNull(Utf8JsonWriter, string, double)"/>.
/// </summary>
public static class JsonOutput
{
    /// <summary>Serializer options for every JSON output: camelCase, indented, relaxed escaping, non-finite → null.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>The same convention on one line (for one-line results).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    /// <summary>Writer options matching <see cref="Options"/> for hand-built JSON.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serializes <paramref name="value"/> with <see cref="Options"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Writes a named number, or <c>null</c> when it is NaN or ±∞.</summary>
    public static void WriteFiniteOrNull(this Utf8JsonWriter writer, string name, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(name);
        writer.WriteFiniteOrNullValue(value);
    }

    /// <summary>Writes a number value, or <c>null</c> when it is NaN or ±∞.</summary>
    public static void WriteFiniteOrNullValue(this Utf8JsonWriter writer, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }

    private static JsonSerializerOptions Create(bool indented)
    {
        var o = new JsonSerializerOptions
        {
            WriteIndented = indented,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new FiniteOrNullConverter() },
        };
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>Doubles: non-finite values are written as <c>null</c>; <c>null</c> reads back as NaN.</summary>
    public sealed class FiniteOrNullConverter : JsonConverter<double>
    {
        /// <inheritdoc />
        public override bool HandleNull => true;

        /// <inheritdoc />
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
            writer.WriteFiniteOrNullValue(value);
    }
}
