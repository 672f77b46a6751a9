using System.CommandLine;
using SpeakerHub.FirmwareSigner.Terminal;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.FirmwareSigner.Keys;

/// <summary><c>keygen</c>: a new signing key pair. The public key goes to the cloud and into device builds; the private key stays with the operator.</summary>
public static class KeygenCommand
{
    public static Command Create()
    {
        Option<string> directory = new("--out") { Description = "Folder to write NAME.key and NAME.pub into (created if missing).", Required = true };
        Option<string> name = new("--name") { Description = "Key name: the file names and how operators tell keys apart.", Required = true };
        Option<bool> force = new("--force") { Description = "Replace existing key files. Bundles signed with the old key then need the old public key to verify." };

        Command keygen = new("keygen", "Creates an Ed25519 signing key pair: NAME.key (private, mode 600) and NAME.pub.") { directory, name, force };
        keygen.SetBody(context =>
        {
            KeyPairFiles files = SigningKeyFiles.Generate(context.Parsed.GetValue(directory)!, context.Parsed.GetValue(name)!, context.Parsed.GetValue(force));
            context.Output.Write(FieldTable.Render(
            [
                ("public key", Hex.Encode(files.PublicKey)),
                ("key id", SigningKeyFiles.KeyIdHex(files.PublicKey)),
                ("private key file", files.PrivateKeyPath + " (mode 600: keep it secret, keep a backup offline)"),
                ("public key file", files.PublicKeyPath),
            ]));
            return ExitCodes.Success;
        });
        return keygen;
    }
}
