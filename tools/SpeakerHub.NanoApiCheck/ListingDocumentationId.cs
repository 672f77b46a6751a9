using Microsoft.CodeAnalysis;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Doc-comment IDs as the listing writes them. Roslyn's <see cref="DocumentationCommentId"/> differs in
/// two ways: it appends <c>~ReturnType</c> to every non-void method (the compiler's doc file, and so
/// the listing, keeps it only on conversion operators), and it calls every indexer <c>Item</c>.
/// </summary>
internal static class ListingDocumentationId
{
    public static string ForType(ITypeSymbol type) =>
        DocumentationCommentId.CreateDeclarationId(type.OriginalDefinition) ?? "T:" + type.ToDisplayString();

    public static string? ForMember(ISymbol member)
    {
        var id = DocumentationCommentId.CreateDeclarationId(member);
        if (id is null)
        {
            return null;
        }

        if (member is IMethodSymbol method && method.Name is not ("op_Implicit" or "op_Explicit"))
        {
            var tilde = id.IndexOf('~', StringComparison.Ordinal);
            if (tilde >= 0)
            {
                id = id[..tilde];
            }
        }

        if (member is IPropertySymbol { IsIndexer: true } indexer && indexer.MetadataName != "Item")
        {
            var itemPrefix = MemberPrefix(id, indexer.ContainingType) + "Item";
            if (id.StartsWith(itemPrefix, StringComparison.Ordinal))
            {
                id = MemberPrefix(id, indexer.ContainingType) + indexer.MetadataName + id[itemPrefix.Length..];
            }
        }

        return id;
    }

    /// <summary>The same member ID as if <paramref name="to"/> declared it instead of its declaring type.</summary>
    public static string Redeclare(string memberId, INamedTypeSymbol from, INamedTypeSymbol to)
    {
        var prefix = MemberPrefix(memberId, from);
        return memberId.StartsWith(prefix, StringComparison.Ordinal)
            ? MemberPrefix(memberId, to) + memberId[prefix.Length..]
            : memberId;
    }

    /// <summary>The member ID with its last <paramref name="count"/> parameters removed.</summary>
    public static string WithoutTrailingParameters(string memberId, int count)
    {
        var open = memberId.IndexOf('(', StringComparison.Ordinal);
        var close = memberId.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return memberId;
        }

        var parameters = SplitTopLevel(memberId[(open + 1)..close]);
        var kept = Math.Max(0, parameters.Count - count);
        return kept == 0
            ? memberId[..open]
            : memberId[..open] + "(" + string.Join(",", parameters.Take(kept)) + ")";
    }

    // Commas inside generic arguments {..} and array bounds [..] do not separate parameters.
    private static List<string> SplitTopLevel(string parameterList)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < parameterList.Length; i++)
        {
            switch (parameterList[i])
            {
                case '{' or '[' or '(':
                    depth++;
                    break;
                case '}' or ']' or ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(parameterList[start..i]);
                    start = i + 1;
                    break;
            }
        }

        parts.Add(parameterList[start..]);
        return parts;
    }

    // "M:" + "System.String" + "." — the part of a member ID that names its declaring type.
    private static string MemberPrefix(string memberId, INamedTypeSymbol declaringType) =>
        memberId[..2] + ForType(declaringType)[2..] + ".";
}
