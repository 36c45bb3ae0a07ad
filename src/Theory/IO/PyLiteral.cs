using System.Globalization;
using System.Text;

namespace Collapse.Theory.IO;

/// <summary>
/// Parser for the small subset of Python literals that .npy headers use: a dict of string keys whose values are
/// strings, <c>True</c>/<c>False</c>, integers, tuples and lists. Values come back as <see cref="string"/>,
/// <see cref="bool"/>, <see cref="long"/> or <see cref="List{T}"/> of values.
/// </summary>
internal sealed class PyLiteral
{
    private readonly string _text;
    private int _pos;

    private PyLiteral(string text) => _text = text;

    /// <summary>Parses a dict literal; throws <see cref="FormatException"/> with a short reason if malformed.</summary>
    public static Dictionary<string, object> ParseDict(string text)
    {
        var p = new PyLiteral(text);
        var value = p.ParseValue();
        p.SkipSpace();
        if (p._pos != p._text.Length) throw new FormatException($"unexpected text after the dict at offset {p._pos}");
        return value as Dictionary<string, object> ?? throw new FormatException("the header is not a dict");
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private char Peek()
    {
        SkipSpace();
        if (_pos >= _text.Length) throw new FormatException("unexpected end of header");
        return _text[_pos];
    }

    private void Expect(char c)
    {
        if (Peek() != c) throw new FormatException($"expected '{c}' at offset {_pos}, found '{_text[_pos]}'");
        _pos++;
    }

    private object ParseValue()
    {
        var c = Peek();
        switch (c)
        {
            case '{': return ParseDictBody();
            case '(': return ParseSequence('(', ')');
            case '[': return ParseSequence('[', ']');
            case '\'':
            case '"': return ParseString();
        }
        if (c == '-' || c == '+' || char.IsAsciiDigit(c)) return ParseInt();
        if (char.IsAsciiLetter(c))
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
            var word = _text[start.._pos];
            return word switch
            {
                "True" => true,
                "False" => false,
                _ => throw new FormatException($"unexpected word '{word}'"),
            };
        }
        throw new FormatException($"unexpected character '{c}' at offset {_pos}");
    }

    private Dictionary<string, object> ParseDictBody()
    {
        Expect('{');
        var dict = new Dictionary<string, object>(StringComparer.Ordinal);
        while (Peek() != '}')
        {
            if (ParseValue() is not string key) throw new FormatException("dict keys must be strings");
            Expect(':');
            dict[key] = ParseValue();
            if (Peek() == ',') _pos++;
            else if (Peek() != '}') throw new FormatException($"expected ',' or '}}' at offset {_pos}");
        }
        _pos++;
        return dict;
    }

    private List<object> ParseSequence(char open, char close)
    {
        Expect(open);
        var items = new List<object>();
        while (Peek() != close)
        {
            items.Add(ParseValue());
            if (Peek() == ',') _pos++;
            else if (Peek() != close) throw new FormatException($"expected ',' or '{close}' at offset {_pos}");
        }
        _pos++;
        return items;
    }

    private string ParseString()
    {
        var quote = _text[_pos++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw new FormatException("unterminated string");
            var c = _text[_pos++];
            if (c == quote) return sb.ToString();
            if (c == '\\')
            {
                if (_pos >= _text.Length) throw new FormatException("unterminated string");
                c = _text[_pos++];
            }
            sb.Append(c);
        }
    }

    private long ParseInt()
    {
        var start = _pos;
        if (_text[_pos] is '-' or '+') _pos++;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        // Python 2 era headers may carry an 'L' suffix on longs.
        var digits = _text[start.._pos];
        if (_pos < _text.Length && _text[_pos] is 'L' or 'l') _pos++;
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"bad integer '{digits}'");
        return value;
    }
}
