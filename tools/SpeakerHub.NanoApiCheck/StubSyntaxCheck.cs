using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Parses each generated declaration on its own first, so a row whose signature does not parse is
/// reported as that row and cannot derail the parse of the rows around it.
/// </summary>
internal static class StubSyntaxCheck
{
    private static readonly CSharpParseOptions ParseOptions = StubCompilationSettings.ParseOptions;

    public static string? TypeRowProblem(ListedApiRow row)
    {
        var declaration = StubDeclarationText.ForTypeRow(row);
        return Problem(row.Kind == "delegate" ? declaration : declaration + " { }");
    }

    public static string? MemberRowProblem(ListedApiRow row, StubType type)
    {
        var declaration = StubDeclarationText.ForMemberRow(row, type.IsInterface);
        return row.Kind == "enum-value"
            ? Problem("enum E { " + declaration + " }")
            : Problem(declaration);
    }

    private static string? Problem(string declaration)
    {
        var member = SyntaxFactory.ParseMemberDeclaration(declaration, options: ParseOptions);
        if (member is null)
        {
            return "the signature does not parse as a C# declaration";
        }

        var error = member.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        return error is null ? null : $"the signature does not parse: {error.Id}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
