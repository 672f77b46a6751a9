using System.Text;

namespace SpeakerHub.FirmwareSigner.Terminal;

/// <summary>Name and value per line, values aligned: reads the same on a terminal, in a CI log and pasted into a ticket.</summary>
public static class FieldTable
{
    public static string Render(IReadOnlyList<(string Name, string Value)> fields)
    {
        int width = fields.Count == 0 ? 0 : fields.Max(field => field.Name.Length);
        StringBuilder table = new();
        foreach ((string name, string value) in fields)
        {
            table.Append(name.PadRight(width)).Append("  ").AppendLine(value);
        }

        return table.ToString();
    }
}
