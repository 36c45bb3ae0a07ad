using System.Text.Json;
using System.Text.Json.Serialization;

namespace Collapse.DeepValidation.Training.Isolation;

/// <summary>
/// Lossless JSON of <see cref="TrainingOptions"/> and <see cref="TrainingResult"/> (every epoch record with its full
/// metric reports, margins and γ_kl matrix), for handing trainings to a child process and their results back.
/// Doubles are written in shortest round-trip form and NaN/±∞ as named literals, so a result read back is
/// bit-identical to the one the child computed. Serialised by the records' own shape (camelCase), so a field added to
/// a metric report travels without changes here.
/// </summary>
public static class TrainingJson
{
    /// <summary>The serializer options (camelCase, named floating-point literals, enums as strings, 2-D arrays as nested arrays).</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        IgnoreReadOnlyProperties = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new Matrix2DConverter() },
    };

    /// <summary>JSON of a result.</summary>
    public static string Serialize(TrainingResult result) => JsonSerializer.Serialize(result, Options);

    /// <summary>A result from <see cref="Serialize(TrainingResult)"/>.</summary>
    public static TrainingResult DeserializeResult(string json) =>
        JsonSerializer.Deserialize<TrainingResult>(json, Options) ?? throw new JsonException("empty training result");

    /// <summary>JSON of a list of training jobs.</summary>
    public static string Serialize(IReadOnlyList<TrainingOptions> jobs) => JsonSerializer.Serialize(jobs, Options);

    /// <summary>Jobs from <see cref="Serialize(IReadOnlyList{TrainingOptions})"/>.</summary>
    public static IReadOnlyList<TrainingOptions> DeserializeJobs(string json) =>
        JsonSerializer.Deserialize<List<TrainingOptions>>(json, Options) ?? throw new JsonException("empty training job list");

    /// <summary>double[,] as an array of rows (NaN/±∞ as named literals).</summary>
    private sealed class Matrix2DConverter : JsonConverter<double[,]>
    {
        public override double[,] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var rows = JsonSerializer.Deserialize<double[][]>(ref reader, options) ?? [];
            var cols = rows.Length == 0 ? 0 : rows[0].Length;
            var m = new double[rows.Length, cols];
            for (var i = 0; i < rows.Length; i++)
            {
                if (rows[i].Length != cols) throw new JsonException("ragged matrix");
                for (var j = 0; j < cols; j++) m[i, j] = rows[i][j];
            }
            return m;
        }

        public override void Write(Utf8JsonWriter writer, double[,] value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            for (var i = 0; i < value.GetLength(0); i++)
            {
                writer.WriteStartArray();
                for (var j = 0; j < value.GetLength(1); j++) JsonSerializer.Serialize(writer, value[i, j], options);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
    }
}
