using System.CommandLine;
using NSec.Cryptography;
using SpeakerHub.Cloud.Abstractions.Fleet;
using SpeakerHub.FirmwareSigner.Checking;
using SpeakerHub.FirmwareSigner.Keys;
using SpeakerHub.FirmwareSigner.Terminal;
using SpeakerHub.Protocol.Firmware;

namespace SpeakerHub.FirmwareSigner.Bundling;

/// <summary>
/// <c>bundle</c>: signs an image. The bundle is written under a temporary name, read back and verified with
/// the same nano-safe signature check a speaker runs, and only then renamed into place, so a file at the
/// output path is always one a device will accept.
/// </summary>
public static class BundleCommand
{
    public static Command Create()
    {
        Option<string> key = new("--key") { Description = "Private key file (NAME.key from keygen).", Required = true };
        Option<string> model = new("--model") { Description = $"Hardware model the image is for (at most {FirmwareManifest.MaxModelLength} characters).", Required = true };
        Option<string> version = new("--version") { Description = "Image version, major.minor.patch.", Required = true };
        Option<string?> minimumVersion = new("--min-version") { Description = "Anti-rollback floor: once confirmed, devices refuse images older than this." };
        Option<int> chunkSize = new("--chunk-size")
        {
            Description = $"OTA chunk size in bytes ({FirmwareManifest.MinChunkSize}–{FirmwareManifest.MaxChunkSize}).",
            DefaultValueFactory = _ => FirmwareManifest.DefaultChunkSize,
        };
        Option<string?> notes = new("--notes") { Description = $"Release notes shown to operators (at most {FirmwareManifest.MaxNotesLength} characters)." };
        Option<string> image = new("--image") { Description = "The app image to sign.", Required = true };
        Option<string> output = new("--out") { Description = "Bundle file to write (.shfw); replaced if it exists.", Required = true };

        Command bundle = new("bundle", "Signs an app image into a firmware bundle for over-the-air updates.")
        {
            key, model, version, minimumVersion, chunkSize, notes, image, output,
        };
        bundle.SetBody(context =>
        {
            ParseResult parsed = context.Parsed;
            BundleSpec spec = new(parsed.GetValue(model)!, parsed.GetValue(version)!, parsed.GetValue(minimumVersion), parsed.GetValue(chunkSize), parsed.GetValue(notes));
            return Run(context, parsed.GetValue(key)!, parsed.GetValue(image)!, parsed.GetValue(output)!, spec);
        });
        return bundle;
    }

    private static int Run(CommandContext context, string keyPath, string imagePath, string outputPath, BundleSpec spec)
    {
        if (string.Equals(Path.GetFullPath(imagePath), Path.GetFullPath(outputPath), StringComparison.Ordinal))
        {
            throw new SignerException($"--out {outputPath} is the image itself; write the bundle to another file (e.g. a .shfw)");
        }

        using Key privateKey = SigningKeyFiles.ReadPrivateKey(keyPath);
        byte[] publicKey = privateKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        long imageLength = ImageFile.Measure(imagePath);

        LoadedImage loaded;
        using (ProgressBar? hashing = ProgressBar.ShowIfWorthIt(context, "hashing", imageLength))
        {
            loaded = ImageFile.Read(imagePath, hashing);
        }

        byte[] bundle;
        try
        {
            bundle = BundleBuilder.Build(loaded.Bytes, loaded.Sha256, spec, privateKey);
        }
        catch (BundleSpecException refused)
        {
            throw new SignerException(refused.Message);
        }

        StagedFile staged;
        using (ProgressBar? writing = ProgressBar.ShowIfWorthIt(context, "writing", bundle.Length))
        {
            staged = StagedFile.Write(outputPath, bundle, progress: writing);
        }

        using (staged)
        {
            FirmwareBundleCheck written = FirmwareBundleInspector.Verify(File.ReadAllBytes(staged.TemporaryPath), [publicKey]);
            if (!written.IsValid)
            {
                throw new SignerException($"the bundle written does not verify, so it was not kept: {written.Problem}", ExitCodes.Invalid);
            }

            staged.Commit(overwrite: true);
            context.Output.WriteLine($"signed and verified {Path.GetFullPath(outputPath)}");
            context.Output.Write(FieldTable.Render(BundleFields.Of(written.Info!)));
        }

        return ExitCodes.Success;
    }
}
