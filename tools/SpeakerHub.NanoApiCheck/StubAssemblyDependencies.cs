using System.Text.RegularExpressions;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Which stub assembly needs which, read from the types each signature names (the listing always
/// writes types namespace-qualified), and an order in which each builds after everything it needs.
/// </summary>
internal sealed partial class StubAssemblyDependencies
{
    public const string CoreLibrary = "mscorlib";

    private readonly Dictionary<string, SortedSet<string>> _direct = new(StringComparer.Ordinal);

    public StubAssemblyDependencies(IReadOnlyDictionary<string, IReadOnlyList<ListedApiRow>> rowsByAssembly)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rowsByAssembly.Values.SelectMany(rows => rows).Where(row => row.IsTypeRow))
        {
            owners[CSharpTypeName(row.Type)] = row.Assembly;
        }

        foreach (var (assembly, rows) in rowsByAssembly)
        {
            var needs = new SortedSet<string>(StringComparer.Ordinal);
            if (assembly != CoreLibrary)
            {
                needs.Add(CoreLibrary);
            }

            foreach (var row in rows)
            {
                foreach (Match name in DottedName().Matches(row.Signature))
                {
                    if (Owner(name.Value, owners) is { } owner && owner != assembly)
                    {
                        needs.Add(owner);
                    }
                }
            }

            _direct[assembly] = needs;
        }

        BuildOrder = TopologicalOrder();
    }

    /// <summary>Every assembly, each after all it depends on.</summary>
    public IReadOnlyList<string> BuildOrder { get; }

    /// <summary>What a compilation of <paramref name="assembly"/> must reference: base types of base types count too.</summary>
    public IReadOnlyList<string> TransitiveOf(string assembly)
    {
        var all = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(_direct[assembly]);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (all.Add(next))
            {
                foreach (var further in _direct[next])
                {
                    pending.Push(further);
                }
            }
        }

        return BuildOrder.Where(all.Contains).ToList();
    }

    // The listing's type column as C# writes it: '.' for nesting and no `arity suffix.
    private static string CSharpTypeName(string typeColumn)
    {
        var name = typeColumn.Replace('+', '.');
        return ArityPattern().Replace(name, string.Empty);
    }

    // The longest prefix of a dotted name that is a listed type; the rest would be a nested or member name.
    private static string? Owner(string dottedName, Dictionary<string, string> owners)
    {
        var candidate = dottedName;
        while (!owners.ContainsKey(candidate))
        {
            var dot = candidate.LastIndexOf('.');
            if (dot < 0)
            {
                return null;
            }

            candidate = candidate[..dot];
        }

        return owners[candidate];
    }

    private List<string> TopologicalOrder()
    {
        var order = new List<string>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        foreach (var assembly in _direct.Keys.Order(StringComparer.Ordinal))
        {
            Visit(assembly, state, order, []);
        }

        return order;
    }

    private void Visit(string assembly, Dictionary<string, bool> state, List<string> order, List<string> path)
    {
        if (state.TryGetValue(assembly, out var done))
        {
            if (!done)
            {
                throw new NanoReferenceAssemblyException(
                    $"The listing's assemblies depend on each other in a cycle: {string.Join(" -> ", path)} -> {assembly}.");
            }

            return;
        }

        state[assembly] = false;
        path.Add(assembly);
        foreach (var dependency in _direct[assembly])
        {
            Visit(dependency, state, order, path);
        }

        path.RemoveAt(path.Count - 1);
        state[assembly] = true;
        order.Add(assembly);
    }

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+")]
    private static partial Regex DottedName();

    [GeneratedRegex(@"`\d+")]
    private static partial Regex ArityPattern();
}
