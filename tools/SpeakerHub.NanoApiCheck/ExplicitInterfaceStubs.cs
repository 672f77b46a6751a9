using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// The listing leaves out explicit interface implementations (they are private in metadata), so a
/// stub class that lists an interface may not implement all of it. After a first compile, every
/// interface member a class or struct still lacks gets an explicit implementation.
/// </summary>
internal static class ExplicitInterfaceStubs
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <returns>How many implementations were added.</returns>
    public static int AddMissing(StubAssemblySource source, Compilation firstPass)
    {
        var added = 0;
        foreach (var type in source.AllTypes.Where(type => type.Row.Kind is "class" or "struct"))
        {
            if (firstPass.GetTypeByMetadataName(type.Name) is not { } symbol)
            {
                continue;
            }

            foreach (var contract in symbol.AllInterfaces)
            {
                foreach (var member in contract.GetMembers())
                {
                    if (symbol.FindImplementationForInterfaceMember(member) is null && Implementation(contract, member) is { } text)
                    {
                        type.AddedMembers.Add(text);
                        added++;
                    }
                }
            }
        }

        return added;
    }

    private static string? Implementation(INamedTypeSymbol contract, ISymbol member)
    {
        var owner = contract.ToDisplayString(TypeFormat);
        return member switch
        {
            IMethodSymbol { MethodKind: MethodKind.Ordinary } method =>
                $"{Type(method.ReturnType)} {owner}.{Name(method.Name)}({Parameters(method.Parameters)}) {{ throw null; }}",
            IPropertySymbol { IsIndexer: true } indexer =>
                $"{Type(indexer.Type)} {owner}.this[{Parameters(indexer.Parameters)}] {{ {Accessors(indexer)} }}",
            IPropertySymbol property =>
                $"{Type(property.Type)} {owner}.{Name(property.Name)} {{ {Accessors(property)} }}",
            IEventSymbol @event =>
                $"event {Type(@event.Type)} {owner}.{Name(@event.Name)} {{ add {{ }} remove {{ }} }}",
            // Accessors come with their property or event.
            _ => null,
        };
    }

    private static string Accessors(IPropertySymbol property) =>
        (property.GetMethod is null ? string.Empty : "get { throw null; } ") +
        (property.SetMethod is null ? string.Empty : "set { }");

    private static string Parameters(IEnumerable<IParameterSymbol> parameters) =>
        string.Join(", ", parameters.Select(parameter =>
            RefKindPrefix(parameter.RefKind) + (parameter.IsParams ? "params " : string.Empty) +
            Type(parameter.Type) + " " + Name(parameter.Name)));

    private static string RefKindPrefix(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        _ => string.Empty,
    };

    private static string Type(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    private static string Name(string name) =>
        SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;
}
