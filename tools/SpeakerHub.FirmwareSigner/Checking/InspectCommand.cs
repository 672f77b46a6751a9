using System.CommandLine;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.FirmwareSigner.Terminal;

namespace SpeakerHub.FirmwareSigner.Checking;

/// <summary>
/// <c>inspect</c>: what a bundle claims, without keys. Structure, length and image SHA-256 are still checked,
/// but nothing here says who signed it: only <c>verify</c> does.
/// </summary>
public static class InspectCommand
{
    public static Command Create()
    {
        Option<string> bundle = new("--bundle") { Description = "Bundle file to show.", Required = true };

        Command inspect = new("inspect", "Shows a bundle's manifest and image id; checks everything but the signature.") { bundle };
        inspect.SetBody(context =>
        {
            FirmwareBundleCheck check = FirmwareBundleInspector.Inspect(BundleFile.Read(context.Parsed.GetValue(bundle)!));
            return CheckReport.Print(context.Output, check, "well-formed (signature not checked: inspect takes no keys; use verify)");
        });
        return inspect;
    }
}
