namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// One row of a <c>*.api.tsv</c> listing file, with the file name and line it came from so that
/// anything generated from it can be traced back to the row.
/// </summary>
public sealed record ListedApiRow(
    string Assembly,
    string Namespace,
    string Type,
    string Kind,
    string DocId,
    string Signature,
    string FileName,
    int Line)
{
    private const int ColumnCount = 6;
    private const string HeaderFirstColumn = "assembly";

    public bool IsTypeRow => Kind is "class" or "struct" or "interface" or "enum" or "delegate";

    /// <summary>The row as <c>file:line</c>, how reports name it.</summary>
    public string Where => $"{FileName}:{Line}";

    /// <summary>Every row of every listing file, grouped by assembly in ordinal order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ListedApiRow>> ReadByAssembly(string listingDirectory)
    {
        var byAssembly = new SortedDictionary<string, IReadOnlyList<ListedApiRow>>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(listingDirectory, "*.api.tsv").Order(StringComparer.Ordinal))
        {
            var rows = ReadFile(path);
            if (rows.Count > 0)
            {
                byAssembly.Add(rows[0].Assembly, rows);
            }
        }

        if (byAssembly.Count == 0)
        {
            throw new NanoApiListingNotFoundException(
                $"'{listingDirectory}' holds no *.api.tsv rows, so it is not the nanoFramework API listing.");
        }

        return byAssembly;
    }

    private static List<ListedApiRow> ReadFile(string path)
    {
        var fileName = Path.GetFileName(path);
        var rows = new List<ListedApiRow>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var columns = line.Split('\t');
            if (columns.Length != ColumnCount || columns[0] == HeaderFirstColumn)
            {
                continue;
            }

            rows.Add(new ListedApiRow(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], fileName, lineNumber));
        }

        return rows;
    }
}
