using SpeakerHub.NanoApiCheck;
using Xunit;

namespace SpeakerHub.UnitTests.NanoApiCheck;

/// <summary>A tiny made-up listing with three broken rows among good ones.</summary>
public sealed class SkippedListingRowTests : IDisposable
{
    private const string Header = "assembly\tnamespace\ttype\tkind\tdocid\tsignature";

    private static readonly string[] Rows =
    [
        "mscorlib\tSystem\tSystem.Exception\tclass\tT:System.Exception\tpublic class Exception : System.Object",
        "mscorlib\tSystem\tSystem.Int32\tstruct\tT:System.Int32\tpublic struct Int32",
        "mscorlib\tSystem\tSystem.Object\tclass\tT:System.Object\tpublic class Object",
        "mscorlib\tSystem\tSystem.Object\tctor\tM:System.Object.#ctor\tpublic Object()",
        "mscorlib\tSystem\tSystem.Object\tmethod\tM:System.Object.Broken\tpublic int Broken(",
        "mscorlib\tSystem\tSystem.Object\tmethod\tM:System.Object.GetHashCode\tpublic virtual int GetHashCode()",
        "mscorlib\tSystem\tSystem.Object\tmethod\tM:System.Object.Take(System.Missing)\tpublic void Take(System.Missing value)",
        "mscorlib\tSystem\tSystem.ValueType\tclass\tT:System.ValueType\tpublic abstract class ValueType : System.Object",
        "mscorlib\tSystem\tSystem.Void\tstruct\tT:System.Void\tpublic struct Void",
        "mscorlib\tSystem\tSystem.Ghost\tmethod\tM:System.Ghost.Haunt\tpublic void Haunt()",
    ];

    private readonly string _listing = Path.Combine(Path.GetTempPath(), "nano-listing-" + Guid.NewGuid().ToString("N"));

    public SkippedListingRowTests()
    {
        Directory.CreateDirectory(_listing);
        File.WriteAllLines(Path.Combine(_listing, "mscorlib.api.tsv"), Rows.Prepend(Header));
    }

    public void Dispose()
    {
        Directory.Delete(_listing, recursive: true);
    }

    [Fact]
    public void Rows_whose_stub_does_not_parse_or_compile_are_left_out_and_reported_with_file_line_and_reason()
    {
        var nano = NanoReferenceAssemblyBuilder.Generate(_listing);

        var skipped = nano.SkippedRows.Select(row => (row.Row.Where, row.Row.DocId)).ToList();
        Assert.Equal(
            [
                ("mscorlib.api.tsv:6", "M:System.Object.Broken"),
                ("mscorlib.api.tsv:8", "M:System.Object.Take(System.Missing)"),
                ("mscorlib.api.tsv:11", "M:System.Ghost.Haunt"),
            ],
            skipped);
        Assert.Contains("does not parse", nano.SkippedRows[0].Reason, StringComparison.Ordinal);
        Assert.Contains("CS0234", nano.SkippedRows[1].Reason, StringComparison.Ordinal);
        Assert.Contains("no usable type row", nano.SkippedRows[2].Reason, StringComparison.Ordinal);
        Assert.Equal("mscorlib", Assert.Single(nano.Assemblies).Name);
    }
}
