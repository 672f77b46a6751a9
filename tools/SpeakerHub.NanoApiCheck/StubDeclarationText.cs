using System.Text.RegularExpressions;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Turns a listing signature into a C# declaration the compiler accepts: the listing shows
/// declarations without bodies, a reference assembly needs bodies that merely type-check.
/// </summary>
internal static partial class StubDeclarationText
{
    private const string DefaultIndexerName = "Item";

    /// <summary>The opening line of a type declaration (a delegate is complete on its own).</summary>
    public static string ForTypeRow(ListedApiRow row) => row.Kind switch
    {
        // C# rejects a base list on a static class, but the listing always shows System.Object.
        "class" when HasModifier(row.Signature, "static") => WithoutBaseList(row.Signature),
        "delegate" => row.Signature + ";",
        _ => row.Signature,
    };

    /// <param name="row">A member row (not a type row).</param>
    /// <param name="inInterface">Interface members never get bodies.</param>
    public static string ForMemberRow(ListedApiRow row, bool inInterface)
    {
        var signature = row.Signature;
        var bodiless = inInterface || HasModifier(signature, "abstract");
        return row.Kind switch
        {
            "ctor" => signature + " { }",
            "method" when signature.StartsWith('~') => signature + " { }",
            // throw null type-checks for every return type and satisfies out parameters.
            "method" => signature + (bodiless ? ";" : " { throw null; }"),
            "property" => IndexerNameAttribute(row) + (bodiless ? signature : WithAccessorBodies(signature)),
            "event" => signature + (bodiless ? ";" : " { add { } remove { } }"),
            "field" => signature + ";",
            "enum-value" => signature + ",",
            _ => throw new ArgumentException($"{row.Where}: '{row.Kind}' is not a member kind.", nameof(row)),
        };
    }

    private static bool HasModifier(string signature, string modifier)
    {
        var declaration = signature.IndexOfAny(['(', '{', ':', '=']) is var end and >= 0 ? signature[..end] : signature;
        return declaration.Split(' ').Contains(modifier, StringComparer.Ordinal);
    }

    private static string WithoutBaseList(string signature)
    {
        var colon = signature.IndexOf(" : ", StringComparison.Ordinal);
        return colon < 0 ? signature : signature[..colon];
    }

    // Only the trailing accessor list changes; an indexer's parameters come before its last '{'.
    private static string WithAccessorBodies(string signature)
    {
        var open = signature.LastIndexOf('{');
        return signature[..open] + AccessorPattern().Replace(signature[open..], match =>
            match.Groups[1].Value == "get" ? "get { throw null; }" : match.Groups[1].Value + " { }");
    }

    // The listing names indexers by their metadata name (P:System.String.Chars(...)); keep that name.
    private static string IndexerNameAttribute(ListedApiRow row)
    {
        if (!row.Signature.Contains("this[", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var withoutParameters = row.DocId.Split('(')[0];
        var name = withoutParameters[(withoutParameters.LastIndexOf('.') + 1)..];
        return name == DefaultIndexerName
            ? string.Empty
            : $"[global::System.Runtime.CompilerServices.IndexerName(\"{name}\")] ";
    }

    [GeneratedRegex(@"\b(get|set|init);")]
    private static partial Regex AccessorPattern();
}
