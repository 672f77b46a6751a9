namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// A listed type with its listed members and nested types, plus the members the generator has to add
/// because the listing cannot show them (see <see cref="StubAdditions"/>).
/// </summary>
internal sealed class StubType
{
    public StubType(ListedApiRow row)
    {
        Row = row;
    }

    public ListedApiRow Row { get; }

    /// <summary>The listing's type column: namespace-qualified, <c>+</c> before nested names, arity kept.</summary>
    public string Name => Row.Type;

    public List<ListedApiRow> Members { get; } = [];

    public List<StubType> Nested { get; } = [];

    /// <summary>C# members that are not listing rows; they compile but no firmware code can see them.</summary>
    public List<string> AddedMembers { get; } = [];

    public bool IsInterface => Row.Kind == "interface";

    public bool IsClass => Row.Kind == "class";

    public bool HasBody => Row.Kind is not "delegate";

    /// <summary>Nested types sit after the last '+'; everything before it names the containing type.</summary>
    public static string? ContainingTypeName(string typeName)
    {
        var plus = typeName.LastIndexOf('+');
        return plus < 0 ? null : typeName[..plus];
    }
}
