using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Compiles firmware sources as the nanoFramework build would: C# 9, nullable off, and nothing to
/// reference but the generated nanoFramework assemblies (and the firmware projects built before).
/// Every compiler error, including those only lowering finds (a missing helper behind <c>lock</c>
/// or a string <c>switch</c>), is reported as <c>file(line,col): CSxxxx: message</c>.
/// </summary>
public sealed class NanoCompileCheck
{
    /// <summary>The assembly name for sources given one by one rather than as a project.</summary>
    public const string LooseSourcesName = "SpeakerHub.FirmwareUnderCheck";

    private readonly NanoReferenceAssemblies _nano;

    public NanoCompileCheck(NanoReferenceAssemblies nano)
    {
        _nano = nano;
    }

    /// <summary>Compiles the projects in order, each against the nano assemblies and the projects before it.</summary>
    public IReadOnlyList<NanoApiViolation> CompileProjects(IEnumerable<FirmwareProject> projects)
    {
        var errors = new List<NanoApiViolation>();
        var built = new List<MetadataReference>();
        foreach (var project in projects)
        {
            var sources = project.Files.Select(NanoSourceFile.Read);
            var (projectErrors, reference) = CompileProject(project.Name, sources, project.IsApplication, built);
            errors.AddRange(projectErrors);
            built.Add(reference);
        }

        return errors;
    }

    /// <summary>Compiles the sources as one library.</summary>
    public IReadOnlyList<NanoApiViolation> Compile(IEnumerable<NanoSourceFile> sources) =>
        CompileProject(LooseSourcesName, sources, isApplication: false, []).Errors;

    private (IReadOnlyList<NanoApiViolation> Errors, MetadataReference Reference) CompileProject(
        string name, IEnumerable<NanoSourceFile> sources, bool isApplication, IReadOnlyList<MetadataReference> projectsBefore)
    {
        var trees = sources.Select(source => CSharpSyntaxTree.ParseText(
            SourceText.From(source.Text, Encoding.UTF8), StubCompilationSettings.ParseOptions, source.Path));
        var compilation = CSharpCompilation.Create(
            name,
            trees,
            _nano.References.Concat(projectsBefore),
            isApplication ? StubCompilationSettings.Application : StubCompilationSettings.Library);

        // Emitting runs lowering, which reports the compiler-required members nano lacks.
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)
            .Select(ToViolation)
            .OrderBy(error => error.File, StringComparer.Ordinal)
            .ThenBy(error => error.Line)
            .ThenBy(error => error.Column)
            .ToList();

        // Later projects are still checked when this one fails, against its symbols instead of its image.
        MetadataReference reference = result.Success
            ? MetadataReference.CreateFromImage(ImmutableArray.Create(image.ToArray()), filePath: name + ".dll")
            : compilation.ToMetadataReference();
        return (errors, reference);
    }

    private static NanoApiViolation ToViolation(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        return new NanoApiViolation(
            span.Path ?? string.Empty,
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            diagnostic.Id,
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }
}
