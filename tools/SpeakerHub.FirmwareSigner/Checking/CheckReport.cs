using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.FirmwareSigner.Terminal;

namespace SpeakerHub.FirmwareSigner.Checking;

/// <summary>How verify and inspect print a check: the manifest when it decoded, then the verdict on its own line.</summary>
public static class CheckReport
{
    public static int Print(TextWriter output, FirmwareBundleCheck check, string validText, string? problem = null)
    {
        if (check.Info is not null)
        {
            output.Write(FieldTable.Render(BundleFields.Of(check.Info)));
        }

        output.WriteLine(check.IsValid ? validText : $"invalid: {problem ?? check.Problem}");
        return check.IsValid ? ExitCodes.Success : ExitCodes.Invalid;
    }
}
