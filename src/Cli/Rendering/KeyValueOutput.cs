using System.Globalization;
using System.Text;
using System.Text.Json;
using Collapse.Theory.IO;

namespace Collapse.Cli.Rendering;

/// <summary>
/// An ordered list of named results rendered either as an aligned text table or as one JSON object. Values may be
/// numbers (double, int, long), strings, booleans, vectors (double[] / int[]), matrices (double[,]) or string maps
/// (IReadOnlyDictionary&lt;string, string&gt;, a JSON object; "key: value" pairs in text). Non-finite doubles are
/// written as JSON <c>null</c> (JSON has no NaN or ∞) and in the display form in text (<see cref="NumberFormat.Display"/>).
/// </summary>
public sealed class KeyValueOutput
{
    private readonly List<KeyValuePair<string, object>> _items = [];

    /// <summary>Appends <paramref name="key"/> = <paramref name="value"/>.</summary>
    public KeyValueOutput Add(string key, object value)
    {
        _items.Add(new(key, value));
        return this;
    }

    /// <summary>The entries in order.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Items => _items;

    /// <summary>Writes the entries as JSON (indented, camelCase keys as given) or as text.</summary>
    public void Write(TextWriter output, bool json)
    {
        if (json) output.WriteLine(ToJson());
        else output.Write(ToText());
    }

    /// <summary>One JSON object with the entries in order.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            foreach (var (key, value) in _items)
            {
                w.WritePropertyName(key);
                WriteJsonValue(w, value);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteJsonValue(Utf8JsonWriter w, object value)
    {
        switch (value)
        {
            case double d: w.WriteFiniteOrNullValue(d); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case bool b: w.WriteBooleanValue(b); break;
            case string s: w.WriteStringValue(s); break;
            case double[] v:
                w.WriteStartArray();
                foreach (var x in v) WriteJsonValue(w, x);
                w.WriteEndArray();
                break;
            case int[] v:
                w.WriteStartArray();
                foreach (var x in v) w.WriteNumberValue(x);
                w.WriteEndArray();
                break;
            case long[] v:
                w.WriteStartArray();
                foreach (var x in v) w.WriteNumberValue(x);
                w.WriteEndArray();
                break;
            case IReadOnlyDictionary<string, string> map:
                w.WriteStartObject();
                foreach (var (k, v) in map) w.WriteString(k, v);
                w.WriteEndObject();
                break;
            case double[,] m:
                w.WriteStartArray();
                for (var r = 0; r < m.GetLength(0); r++)
                {
                    w.WriteStartArray();
                    for (var c = 0; c < m.GetLength(1); c++) WriteJsonValue(w, m[r, c]);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"unsupported value type {value.GetType().Name}", nameof(value));
        }
    }

    /// <summary>Aligned "key  value" lines; matrices are printed one row per line below their key.</summary>
    public string ToText()
    {
        var width = 0;
        foreach (var (key, _) in _items) width = Math.Max(width, key.Length);
        var sb = new StringBuilder();
        foreach (var (key, value) in _items)
        {
            sb.Append(key.PadRight(width + 2));
            if (value is double[,] m)
            {
                sb.Append('\n');
                for (var r = 0; r < m.GetLength(0); r++)
                {
                    sb.Append(' ', width + 2);
                    for (var c = 0; c < m.GetLength(1); c++)
                    {
                        if (c > 0) sb.Append("  ");
                        sb.Append(Text(m[r, c]).PadLeft(14));
                    }
                    sb.Append('\n');
                }
                continue;
            }
            sb.Append(value switch
            {
                double d => Text(d),
                double[] v => string.Join(", ", v.Select(Text)),
                int[] v => string.Join(", ", v.Select(x => x.ToString(CultureInfo.InvariantCulture))),
                long[] v => string.Join(", ", v.Select(x => x.ToString(CultureInfo.InvariantCulture))),
                bool b => b ? "true" : "false",
                IReadOnlyDictionary<string, string> map => string.Join("; ", map.Select(kv => $"{kv.Key}: {kv.Value}")),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            });
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Text(double d) => NumberFormat.Display(d);
}
