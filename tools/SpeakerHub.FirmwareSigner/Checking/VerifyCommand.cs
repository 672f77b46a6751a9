using System.CommandLine;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.FirmwareSigner.Keys;
using SpeakerHub.FirmwareSigner.Terminal;

namespace SpeakerHub.FirmwareSigner.Checking;

/// <summary>
/// <c>verify</c>: the full check a speaker and the cloud make: structure, manifest, image length, image
/// SHA-256, and the signature with whichever given key the manifest names. Exit 0 valid, 1 invalid.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        Option<string> bundle = new("--bundle") { Description = "Bundle file to check.", Required = true };
        Option<string[]> publicKeys = new("--pub")
        {
            Description = "Public key file (NAME.pub) the bundle may be signed with; repeat for several.",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };

        Command verify = new("verify", "Checks a bundle and its signature against the given public keys.") { bundle, publicKeys };
        verify.SetBody(context =>
        {
            byte[] bytes = BundleFile.Read(context.Parsed.GetValue(bundle)!);
            byte[][] keys = [.. context.Parsed.GetValue(publicKeys)!.Select(SigningKeyFiles.ReadPublicKey)];
            FirmwareBundleCheck check = FirmwareBundleInspector.Verify(bytes, keys);
            string? problem = check.Fault == FirmwareBundleFault.UntrustedKey
                ? $"signed by key id {check.Info!.KeyIdHex}, which none of the given keys has (given: {string.Join(", ", keys.Select(SigningKeyFiles.KeyIdHex))})"
                : null;
            return CheckReport.Print(context.Output, check, "valid", problem);
        });
        return verify;
    }
}
