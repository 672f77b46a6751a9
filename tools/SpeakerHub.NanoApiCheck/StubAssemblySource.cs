using System.Globalization;
using System.Text;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// The C# source of one stub assembly: its listed types in their namespaces, every row on its own
/// lines behind a <c>#line</c> directive naming the listing file and line, so each compiler
/// diagnostic points at the row it came from.
/// </summary>
internal sealed class StubAssemblySource
{
    private readonly List<StubType> _topLevel = [];
    private readonly Dictionary<string, StubType> _types = new(StringComparer.Ordinal);

    private StubAssemblySource(string assemblyName)
    {
        AssemblyName = assemblyName;
    }

    public string AssemblyName { get; }

    public IEnumerable<StubType> AllTypes => _types.Values;

    /// <summary>
    /// Arranges the rows into types. Rows that cannot become a declaration (they do not parse, or
    /// their type row is missing) go to <paramref name="skipped"/> instead.
    /// </summary>
    public static StubAssemblySource Build(
        string assemblyName, IEnumerable<ListedApiRow> rows, ISet<ListedApiRow> excluded, ICollection<SkippedApiRow> skipped)
    {
        var source = new StubAssemblySource(assemblyName);
        var included = rows.Where(row => !excluded.Contains(row)).ToList();
        foreach (var row in included.Where(row => row.IsTypeRow))
        {
            if (StubSyntaxCheck.TypeRowProblem(row) is { } problem)
            {
                skipped.Add(new SkippedApiRow(row, problem));
            }
            else
            {
                source._types.Add(row.Type, new StubType(row));
            }
        }

        foreach (var type in source._types.Values.OrderBy(type => type.Name, StringComparer.Ordinal))
        {
            var container = StubType.ContainingTypeName(type.Name);
            if (container is null)
            {
                source._topLevel.Add(type);
            }
            else if (source._types.TryGetValue(container, out var outer))
            {
                outer.Nested.Add(type);
            }
            else
            {
                skipped.Add(new SkippedApiRow(type.Row, $"its containing type {container} is not in the listing"));
            }
        }

        foreach (var row in included.Where(row => !row.IsTypeRow))
        {
            if (!source._types.TryGetValue(row.Type, out var type))
            {
                skipped.Add(new SkippedApiRow(row, $"its type {row.Type} has no usable type row"));
            }
            else if (StubSyntaxCheck.MemberRowProblem(row, type) is { } problem)
            {
                skipped.Add(new SkippedApiRow(row, problem));
            }
            else
            {
                type.Members.Add(row);
            }
        }

        return source;
    }

    public string Write()
    {
        var text = new StringBuilder();
        text.AppendLine("// Generated from the nanoFramework 1.17 API listing; bodies only type-check.");
        foreach (var group in _topLevel.GroupBy(type => type.Row.Namespace).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var named = group.Key.Length > 0;
            if (named)
            {
                text.Append("namespace ").AppendLine(group.Key).AppendLine("{");
            }

            foreach (var type in group)
            {
                WriteType(text, type);
            }

            if (named)
            {
                text.AppendLine("}");
            }
        }

        return text.ToString();
    }

    private static void WriteType(StringBuilder text, StubType type)
    {
        WriteRow(text, type.Row, StubDeclarationText.ForTypeRow(type.Row));
        if (!type.HasBody)
        {
            return;
        }

        text.AppendLine("{");
        foreach (var member in type.Members)
        {
            WriteRow(text, member, StubDeclarationText.ForMemberRow(member, type.IsInterface));
        }

        foreach (var added in type.AddedMembers)
        {
            text.AppendLine(added);
        }

        foreach (var nested in type.Nested)
        {
            WriteType(text, nested);
        }

        text.AppendLine("}");
    }

    private static void WriteRow(StringBuilder text, ListedApiRow row, string declaration) =>
        text.Append("#line ").Append(row.Line.ToString(CultureInfo.InvariantCulture))
            .Append(" \"").Append(row.FileName).AppendLine("\"")
            .AppendLine(declaration)
            .AppendLine("#line default");

    /// <summary>The simple C# name of a type column value (no namespace, container or arity).</summary>
    public static string SimpleName(string typeName)
    {
        var start = Math.Max(typeName.LastIndexOf('.'), typeName.LastIndexOf('+')) + 1;
        var tick = typeName.IndexOf('`', start);
        return tick < 0 ? typeName[start..] : typeName[start..tick];
    }
}
