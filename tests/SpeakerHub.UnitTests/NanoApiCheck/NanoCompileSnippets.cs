using SpeakerHub.NanoApiCheck;
using Xunit;

namespace SpeakerHub.UnitTests.NanoApiCheck;

/// <summary>
/// The nano reference assemblies, generated once per test run, and a way to compile small sources
/// against them and assert where the compiler errors land.
/// </summary>
internal static class NanoCompileSnippets
{
    private static readonly Lazy<NanoReferenceAssemblies> SharedReferences = new(() =>
        NanoReferenceAssemblyBuilder.Generate(NanoCheckSnippets.ListingDirectory));

    public static NanoReferenceAssemblies References => SharedReferences.Value;

    public static NanoCompileCheck Checker => new(References);

    public static IReadOnlyList<NanoApiViolation> Compile(string source) =>
        Checker.Compile([new NanoSourceFile(NanoCheckSnippets.FileName, source)]);

    public static void AssertCompiles(string source)
    {
        var errors = Compile(source);
        Assert.True(errors.Count == 0, "Expected no compile errors, got:\n" + NanoCheckSnippets.Describe(errors));
    }

    /// <summary>Asserts compiler error <paramref name="code"/> at the first occurrence of <paramref name="marker"/>.</summary>
    public static NanoApiViolation AssertError(string source, string code, string marker)
    {
        var index = source.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"marker '{marker}' is not in the snippet");
        var before = source[..index];
        var line = before.Count(c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;

        var errors = Compile(source);
        var match = errors.FirstOrDefault(e => e.Rule == code && e.Line == line && e.Column == column);
        Assert.True(match is not null, $"Expected {code} at ({line},{column}) '{marker}', got:\n{NanoCheckSnippets.Describe(errors)}");
        return match;
    }
}
