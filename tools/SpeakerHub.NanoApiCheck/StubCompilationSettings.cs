using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpeakerHub.NanoApiCheck;

/// <summary>How the stub assemblies and the firmware sources are parsed and compiled.</summary>
internal static class StubCompilationSettings
{
    /// <summary>nanoFramework's toolchain compiles C# 9; the stubs need nothing newer either.</summary>
    public const LanguageVersion LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp9;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion, DocumentationMode.None);

    public static CSharpCompilationOptions Library { get; } =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable);

    public static CSharpCompilationOptions Application { get; } =
        Library.WithOutputKind(OutputKind.ConsoleApplication);
}
