using System.Globalization;
using Microsoft.CodeAnalysis;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Compiler errors become violations: language-version errors (C# 10+ syntax, whether the parser or
/// the binder finds it) and other parse errors as NANO001, everything else as NANO002.
/// </summary>
internal static class CompilerDiagnostics
{
    public static void Report(SyntaxTree tree, SemanticModel model, ViolationReport report)
    {
        var parseErrors = tree.GetDiagnostics().Where(IsError).ToHashSet();
        foreach (var diagnostic in model.GetDiagnostics().Where(IsError))
        {
            var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
            var isLanguageVersion = message.Contains("language version", StringComparison.OrdinalIgnoreCase);
            if (isLanguageVersion || parseErrors.Contains(diagnostic))
            {
                var reason = isLanguageVersion ? "needs a newer C# than nanoFramework's C# 9" : "does not parse";
                report.Add(NanoRules.LanguageVersion, diagnostic.Location, $"{reason}: {diagnostic.Id}: {message}");
            }
            else
            {
                report.Add(NanoRules.CompileError, diagnostic.Location, $"does not compile: {diagnostic.Id}: {message}");
            }
        }
    }

    private static bool IsError(Diagnostic diagnostic) => diagnostic.Severity == DiagnosticSeverity.Error;
}
