using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Proves that firmware sources use only what nanoFramework 1.17 has. The sources are compiled as C# 9
/// against the host .NET framework (nano packages are not available here), then every syntax rule,
/// every name and every operation is checked against the nano API listing.
/// </summary>
public sealed class NanoApiChecker
{
    private const string AssemblyName = "SpeakerHub.FirmwareUnderCheck";

    private static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.CSharp9, DocumentationMode.None);

    private static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable);

    private readonly NanoApiListing _listing;

    public NanoApiChecker(NanoApiListing listing)
    {
        _listing = listing;
    }

    public NanoApiListing Listing => _listing;

    public static NanoApiChecker ForListingDirectory(string apiDirectory) => new(NanoApiListing.Load(apiDirectory));

    public IReadOnlyList<NanoApiViolation> CheckFiles(IEnumerable<string> paths) =>
        Check(paths.Select(NanoSourceFile.Read));

    /// <summary>Checks the sources as one compilation, as the firmware projects build together.</summary>
    public IReadOnlyList<NanoApiViolation> Check(IEnumerable<NanoSourceFile> sources)
    {
        var trees = sources
            .Select(source => CSharpSyntaxTree.ParseText(SourceText.From(source.Text, Encoding.UTF8), ParseOptions, source.Path))
            .ToList();
        var compilation = CSharpCompilation.Create(AssemblyName, trees, HostFrameworkReferences.All, CompilationOptions);
        var report = new ViolationReport();
        var api = new ApiAvailabilityCheck(_listing, compilation, report);

        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            var root = tree.GetRoot();
            CompilerDiagnostics.Report(tree, model, report);
            new FirmwareSyntaxRules(model, report).Visit(root);
            new ReferencedNameWalker(model, api).Visit(root);
            new OperationApiWalker(model, api, report).Walk(root);
            new DeclarationRequirements(model, api).Check(root);
        }

        return report.ToSortedList();
    }
}
