using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Reads the generated assemblies back as a consumer sees them and compares what they expose with
/// the listing by doc-comment ID, both ways: a listed API that is missing would reject valid
/// firmware, an unlisted one would let invalid firmware through.
/// </summary>
public static class NanoReferenceAssemblyAudit
{
    /// <param name="ExposedCount">How many types and members the assemblies expose to firmware.</param>
    public sealed record Result(int ExposedCount, IReadOnlyList<string> MissingFromAssemblies, IReadOnlyList<string> NotInListing);

    public static Result Compare(NanoReferenceAssemblies nano, string listingDirectory)
    {
        var listed = ListedApiRow.ReadByAssembly(listingDirectory).Values
            .SelectMany(rows => rows)
            .Select(row => row.DocId)
            .ToHashSet(StringComparer.Ordinal);
        var consumer = CSharpCompilation.Create("Audit", references: nano.References);
        var exposed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in nano.References)
        {
            if (consumer.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly)
            {
                CollectNamespace(assembly.GlobalNamespace, exposed);
            }
        }

        return new Result(
            exposed.Count,
            listed.Except(exposed).Order(StringComparer.Ordinal).ToList(),
            exposed.Except(listed).Order(StringComparer.Ordinal).ToList());
    }

    private static void CollectNamespace(INamespaceSymbol ns, HashSet<string> exposed)
    {
        foreach (var nested in ns.GetNamespaceMembers())
        {
            CollectNamespace(nested, exposed);
        }

        foreach (var type in ns.GetTypeMembers().Where(IsVisible))
        {
            CollectType(type, exposed);
        }
    }

    private static void CollectType(INamedTypeSymbol type, HashSet<string> exposed)
    {
        exposed.Add(ListingDocumentationId.ForType(type));
        foreach (var member in type.GetMembers().Where(IsVisible))
        {
            switch (member)
            {
                case INamedTypeSymbol nested:
                    CollectType(nested, exposed);
                    break;
                // Accessors belong to their property or event; a delegate's members are implied.
                case IMethodSymbol { AssociatedSymbol: not null }:
                case IMethodSymbol when type.TypeKind == TypeKind.Delegate:
                case { IsImplicitlyDeclared: true }:
                    break;
                default:
                    if (ListingDocumentationId.ForMember(member) is { } id)
                    {
                        exposed.Add(id);
                    }

                    break;
            }
        }
    }

    private static bool IsVisible(ISymbol symbol) =>
        symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal;
}
