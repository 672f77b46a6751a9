namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// The doc-comment IDs and namespaces of every public nanoFramework 1.17 API, read from the
/// <c>*.api.tsv</c> files (columns: assembly, namespace, type, kind, docid, signature).
/// </summary>
public sealed class NanoApiListing
{
    private const int NamespaceColumn = 1;
    private const int DocIdColumn = 4;

    private readonly HashSet<string> _docIds;
    private readonly HashSet<string> _namespaces;
    private readonly ILookup<string, string> _overloads;

    private NanoApiListing(string directoryPath, HashSet<string> docIds, HashSet<string> namespaces)
    {
        DirectoryPath = directoryPath;
        _docIds = docIds;
        _namespaces = namespaces;
        _overloads = docIds.Order(StringComparer.Ordinal).ToLookup(WithoutParameters, StringComparer.Ordinal);
    }

    public string DirectoryPath { get; }

    public int Count => _docIds.Count;

    public static NanoApiListing Load(string directoryPath)
    {
        var files = Directory.Exists(directoryPath)
            ? Directory.GetFiles(directoryPath, "*.api.tsv")
            : [];
        if (files.Length == 0)
        {
            throw new NanoApiListingNotFoundException(
                $"'{directoryPath}' holds no *.api.tsv files, so it is not the nanoFramework API listing.");
        }

        var docIds = new HashSet<string>(StringComparer.Ordinal);
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var line in File.ReadLines(file))
            {
                var columns = line.Split('\t');
                if (columns.Length <= DocIdColumn || columns[DocIdColumn] == "docid")
                {
                    continue;
                }

                docIds.Add(columns[DocIdColumn]);
                AddWithParents(namespaces, columns[NamespaceColumn]);
            }
        }

        return new NanoApiListing(directoryPath, docIds, namespaces);
    }

    public bool Contains(string docId) => _docIds.Contains(docId);

    /// <summary>Listed members with the same kind, type and name as <paramref name="docId"/>, other than it.</summary>
    public IReadOnlyList<string> OverloadsOf(string docId) =>
        _overloads[WithoutParameters(docId)].Where(id => id != docId).ToList();

    /// <summary>True when some listed type lives in this namespace or below it.</summary>
    public bool ContainsNamespace(string name) => _namespaces.Contains(name);

    private static string WithoutParameters(string docId)
    {
        var parenthesis = docId.IndexOf('(', StringComparison.Ordinal);
        return parenthesis < 0 ? docId : docId[..parenthesis];
    }

    private static void AddWithParents(HashSet<string> namespaces, string name)
    {
        while (name.Length > 0 && namespaces.Add(name))
        {
            var dot = name.LastIndexOf('.');
            name = dot < 0 ? string.Empty : name[..dot];
        }
    }
}
