using SpeakerHub.NanoApiCheck;
using Xunit;

namespace SpeakerHub.UnitTests.NanoApiCheck;

/// <summary>Runs the checker on small in-memory sources and asserts where its violations land.</summary>
internal static class NanoCheckSnippets
{
    public const string FileName = "Snippet.cs";

    private static readonly Lazy<NanoApiChecker> SharedChecker = new(() =>
        NanoApiChecker.ForListingDirectory(ListingDirectory));

    /// <summary>Found the way the command finds it, so SPEAKERHUB_NANO_API_DIR works for tests too.</summary>
    public static string ListingDirectory => NanoApiListingLocator.LocateForCommandLine(null);

    public static NanoApiChecker Checker => SharedChecker.Value;

    public static string RepositoryRoot =>
        FirmwareSourceFiles.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No {FirmwareSourceFiles.SolutionFileName} above {AppContext.BaseDirectory}.");

    /// <summary>Wraps class members in the namespace and usings firmware files typically have.</summary>
    public static string InClass(string members) =>
        "using System;\n" +
        "using System.Collections;\n" +
        "\n" +
        "namespace Snippets\n" +
        "{\n" +
        "    public sealed class Sample\n" +
        "    {\n" +
        members + "\n" +
        "    }\n" +
        "}\n";

    public static IReadOnlyList<NanoApiViolation> Check(string source) =>
        Checker.Check([new NanoSourceFile(FileName, source)]);

    public static void AssertClean(string source)
    {
        var violations = Check(source);
        Assert.True(violations.Count == 0, "Expected no violations, got:\n" + Describe(violations));
    }

    /// <summary>
    /// Asserts a violation of <paramref name="rule"/> at the first occurrence of <paramref name="marker"/>
    /// (optionally the n-th), and returns it.
    /// </summary>
    public static NanoApiViolation AssertViolation(string source, string rule, string marker, string? messagePart = null, int occurrence = 1)
    {
        var (line, column) = PositionOf(source, marker, occurrence);
        var violations = Check(source);
        var match = violations.FirstOrDefault(v =>
            v.Rule == rule && v.Line == line && v.Column == column &&
            (messagePart is null || v.Message.Contains(messagePart, StringComparison.Ordinal)));
        Assert.True(
            match is not null,
            $"Expected {rule} at ({line},{column}) '{marker}'{(messagePart is null ? "" : $" mentioning '{messagePart}'")}, got:\n{Describe(violations)}");
        Assert.Equal(FileName, match.File);
        return match;
    }

    public static string Describe(IEnumerable<NanoApiViolation> violations) =>
        string.Join("\n", violations.Select(v => v.ToString())) is { Length: > 0 } text ? text : "(none)";

    private static (int Line, int Column) PositionOf(string source, string marker, int occurrence)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = source.IndexOf(marker, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"marker '{marker}' (occurrence {occurrence}) is not in the snippet");
        }

        var before = source[..index];
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }
}
