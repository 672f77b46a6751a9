namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Everything the stubs hold that is not a listing row, in one place. None of it is visible to the
/// firmware: it is internal or an explicit interface implementation.
/// <list type="bullet">
/// <item>An internal parameterless constructor on every non-static class that lists none. Without
/// it C# would make up a public one, letting firmware <c>new</c> a type nano does not let it create;
/// with it, every stub constructor has a base constructor to chain to.</item>
/// <item>Explicit interface implementations (<see cref="ExplicitInterfaceStubs"/>).</item>
/// </list>
/// Nothing else is added. The listed mscorlib already declares every type the C# 9 compiler needs
/// to build a core library and the firmware (Object, ValueType, Void, the primitives, Attribute,
/// ParamArrayAttribute, IDisposable, Monitor, ...). A type the compiler asks for that nano does not
/// have, such as <c>System.Runtime.CompilerServices.IsVolatile</c> behind the <c>volatile</c>
/// keyword, stays missing on purpose: the nano build would fail the same way.
/// Custom attributes are not in the listing, so the stub attribute classes carry no
/// <c>[AttributeUsage]</c>: the compiler treats each as allowed once on any target.
/// </summary>
internal static class StubAdditions
{
    public static void AddTo(StubAssemblySource source)
    {
        foreach (var type in source.AllTypes.Where(NeedsInternalConstructor))
        {
            type.AddedMembers.Add($"internal {StubAssemblySource.SimpleName(type.Name)}() {{ }}");
        }
    }

    private static bool NeedsInternalConstructor(StubType type) =>
        type.IsClass
        && !StubDeclarationText.ForTypeRow(type.Row).Split(' ').Contains("static")
        && !type.Members.Any(member => member.Kind == "ctor" && !member.DocId.Contains('(', StringComparison.Ordinal));
}
