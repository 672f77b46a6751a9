namespace SpeakerHub.NanoApiCheck;

/// <summary>Rule ids the checker reports, with a one-line summary each for <c>--rules</c>.</summary>
public static class NanoRules
{
    public const string LanguageVersion = "NANO001";
    public const string CompileError = "NANO002";
    public const string GenericDeclaration = "NANO003";
    public const string GenericUsage = "NANO004";
    public const string AsyncAwait = "NANO005";
    public const string Linq = "NANO006";
    public const string Tuple = "NANO007";
    public const string Record = "NANO008";
    public const string Span = "NANO009";
    public const string NullableAnnotation = "NANO010";
    public const string Dynamic = "NANO011";
    public const string InterpolatedString = "NANO012";
    public const string InitAccessor = "NANO013";
    public const string WithExpression = "NANO014";
    public const string AnonymousType = "NANO015";
    public const string MissingApi = "NANO100";

    public static IReadOnlyList<KeyValuePair<string, string>> Summaries { get; } =
    [
        new(LanguageVersion, "source does not parse as C# 9 (C# 10+ syntax or a syntax error)"),
        new(CompileError, "source does not compile"),
        new(GenericDeclaration, "generic type or method declaration"),
        new(GenericUsage, "use of a generic type or method, including the few generic delegates nano declares"),
        new(AsyncAwait, "async / await"),
        new(Linq, "LINQ query syntax, System.Linq methods or using System.Linq"),
        new(Tuple, "tuple type, tuple literal or deconstruction"),
        new(Record, "record declaration"),
        new(Span, "Span<T>, ReadOnlySpan<T>, Memory<T>, stackalloc or ref struct"),
        new(NullableAnnotation, "nullable annotation: T?, the ! operator or #nullable"),
        new(Dynamic, "dynamic"),
        new(InterpolatedString, "interpolated string"),
        new(InitAccessor, "init accessor"),
        new(WithExpression, "with expression"),
        new(AnonymousType, "anonymous type"),
        new(MissingApi, "type, member or namespace that is not in the nanoFramework 1.17 API listing"),
    ];
}
