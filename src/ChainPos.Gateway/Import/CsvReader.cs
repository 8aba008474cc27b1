using System.Text;
using ChainPos.Abstractions;

namespace ChainPos.Gateway.Import;

/// <summary>
/// A small RFC 4180 reader: comma-separated fields; records end at LF or CRLF; a field in double
/// quotes may hold commas, quotes (doubled) and line breaks. Malformed quoting is InvalidArgument
/// naming the line.
/// </summary>
public static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ReadIterator(text);
    }

    private static IEnumerable<CsvRecord> ReadIterator(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                i = ReadQuoted(text, i, field, ref line);
                if (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                {
                    throw PosException.Invalid($"Line {line}: unexpected text after a closing quote; double a quote inside a quoted field (\"\").");
                }

                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\r' or '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return new CsvRecord(recordLine, [.. fields]);
                    fields.Clear();
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    i++;
                    break;
            }
        }

        if (fields.Count > 0 || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, [.. fields]);
        }
    }

    /// <summary>Reads a quoted field starting at the opening quote; returns the index after the closing quote.</summary>
    private static int ReadQuoted(string text, int start, StringBuilder field, ref int line)
    {
        var startLine = line;
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
            }

            field.Append(c);
            i++;
        }

        throw PosException.Invalid($"Line {startLine}: a quoted field is not closed; add the closing quote.");
    }
}
