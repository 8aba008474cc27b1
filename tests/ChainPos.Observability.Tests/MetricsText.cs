using System.Globalization;
using System.Text;

namespace ChainPos.Observability.Tests;

/// <summary>The samples of a Prometheus text exposition (<c>name{label="value",...} value</c> lines).</summary>
public sealed class MetricsText
{
    private MetricsText(string raw, IReadOnlyList<Sample> samples)
    {
        Raw = raw;
        Samples = samples;
    }

    public string Raw { get; }

    public IReadOnlyList<Sample> Samples { get; }

    public static MetricsText Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith('#'))
            {
                samples.Add(ParseLine(line));
            }
        }

        return new MetricsText(text, samples);
    }

    /// <summary>
    /// The value of the one series named <paramref name="name"/> that has every label given (other labels, like
    /// the scope's, may be there too); 0 when there is none (a counter not yet touched). Two matches fail the test.
    /// </summary>
    public double Value(string name, params (string Label, string Value)[] labels)
    {
        var matches = Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).ToList();
        return matches.Count switch
        {
            0 => 0,
            1 => matches[0].Value,
            _ => throw new InvalidOperationException($"{matches.Count} series match {name} {string.Join(',', labels)}: {string.Join(" | ", matches)}"),
        };
    }

    private static Sample ParseLine(string line)
    {
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        string name;
        string rest;
        if (brace >= 0 && brace < space)
        {
            name = line[..brace];
            var i = brace + 1;
            while (line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var label = line[i..eq].Trim(',', ' ');
                var value = new StringBuilder();
                for (i = eq + 2; line[i] != '"'; i++)
                {
                    value.Append(line[i] == '\\' ? Unescape(line[++i]) : line[i]);
                }

                labels[label] = value.ToString();
                i++;
                if (line[i] == ',')
                {
                    i++;
                }
            }

            rest = line[(i + 1)..].Trim();
        }
        else
        {
            name = line[..space];
            rest = line[(space + 1)..].Trim();
        }

        var number = rest.Split(' ')[0];
        return new Sample(name, labels, double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static char Unescape(char c) => c == 'n' ? '\n' : c;

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
    {
        public override string ToString() => $"{Name}{{{string.Join(',', Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value}";
    }
}
