using System.Globalization;
using System.Text;
using SpeakerHub.LoadGen.Measurement;

namespace SpeakerHub.LoadGen.Terminal;

/// <summary>Plain aligned text: it reads the same on a terminal, in a log and pasted into Markdown as a code block.</summary>
public static class SummaryTable
{
    private static readonly string[] Headers = ["count", "errors", "per s", "min", "p50", "p90", "p95", "p99", "max"];

    public static string Render(IReadOnlyList<LatencySummary> rows)
    {
        string[][] cells = [.. rows.Select(Cells)];
        int nameWidth = Math.Max("latency in ms".Length, rows.Max(row => row.Name.Length));
        int[] widths = [.. Headers.Select((header, column) => Math.Max(header.Length, cells.Max(row => row[column].Length)))];

        StringBuilder table = new();
        AppendRow(table, "latency in ms".PadRight(nameWidth), Headers, widths);
        for (int i = 0; i < rows.Count; i++)
        {
            AppendRow(table, rows[i].Name.PadRight(nameWidth), cells[i], widths);
        }

        return table.ToString();
    }

    private static void AppendRow(StringBuilder table, string name, string[] cells, int[] widths)
    {
        table.Append(name);
        for (int column = 0; column < cells.Length; column++)
        {
            table.Append("  ").Append(cells[column].PadLeft(widths[column]));
        }

        table.AppendLine();
    }

    private static string[] Cells(LatencySummary row) =>
    [
        Invariant(row.Count),
        Invariant(row.Errors),
        Number(row.PerSecond, "0.0"),
        Number(row.MinMs, "0.00"),
        Number(row.P50Ms, "0.00"),
        Number(row.P90Ms, "0.00"),
        Number(row.P95Ms, "0.00"),
        Number(row.P99Ms, "0.00"),
        Number(row.MaxMs, "0.00"),
    ];

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
