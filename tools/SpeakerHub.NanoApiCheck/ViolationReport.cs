using Microsoft.CodeAnalysis;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Collects violations once each. Syntax rules are keyed by exact position; missing APIs by line and
/// doc ID, because one expression is often reached both through its name and through its operation.
/// </summary>
internal sealed class ViolationReport
{
    private readonly List<NanoApiViolation> _violations = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public void Add(string rule, Location location, string message) =>
        Add(rule, location, message, perLineKey: null);

    public void AddMissingApi(Location location, string docId, string message) =>
        Add(NanoRules.MissingApi, location, message, perLineKey: docId);

    public IReadOnlyList<NanoApiViolation> ToSortedList() =>
        _violations
            .OrderBy(v => v.File, StringComparer.Ordinal)
            .ThenBy(v => v.Line)
            .ThenBy(v => v.Column)
            .ThenBy(v => v.Rule, StringComparer.Ordinal)
            .ToList();

    private void Add(string rule, Location location, string message, string? perLineKey)
    {
        var span = location.GetLineSpan();
        var file = span.Path ?? string.Empty;
        var line = span.StartLinePosition.Line + 1;
        var column = span.StartLinePosition.Character + 1;
        var key = perLineKey is null
            ? $"{file}|{line}|{column}|{rule}"
            : $"{file}|{line}|{rule}|{perLineKey}";
        if (_seen.Add(key))
        {
            _violations.Add(new NanoApiViolation(file, line, column, rule, message));
        }
    }
}
