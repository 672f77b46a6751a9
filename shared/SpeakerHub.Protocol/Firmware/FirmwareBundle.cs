using SpeakerHub.Protocol.Security;

namespace SpeakerHub.Protocol.Firmware
{
    /// <summary>
    /// The signed firmware bundle (docs/protocol.md §Firmware bundles):
    /// <code>
    /// 0 "SHFW" | 4 format (1) | 5 reserved (0) | 6 manifest length m (u16 BE) | 8 manifest (m)
    /// 8+m Ed25519 signature (64) over bytes 0 .. 8+m | 72+m image (manifest image length)
    /// </code>
    /// The device writes the bundle into its inactive slot exactly as it arrives, so the loader can check
    /// the signature and hash of what is about to run, not of what was once downloaded.
    /// </summary>
    public static class FirmwareBundle
    {
        public const byte Format = 1;
        public const int PrefixLength = 8;
        public const int SignatureLength = 64;
        public const int MaxManifestLength = 1024;
        public const int MaxHeaderLength = PrefixLength + MaxManifestLength + SignatureLength;

        private const byte Magic0 = (byte)'S';
        private const byte Magic1 = (byte)'H';
        private const byte Magic2 = (byte)'F';
        private const byte Magic3 = (byte)'W';

        /// <summary>
        /// The length of the header (prefix, manifest, signature) that starts at <paramref name="offset"/>:
        /// 0 when fewer than <see cref="PrefixLength"/> bytes are there yet, -1 when it is not a bundle.
        /// </summary>
        public static int HeaderLength(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset > buffer.Length - count)
            {
                return -1;
            }

            if (count < PrefixLength)
            {
                return 0;
            }

            if (buffer[offset] != Magic0 || buffer[offset + 1] != Magic1 || buffer[offset + 2] != Magic2
                || buffer[offset + 3] != Magic3 || buffer[offset + 4] != Format || buffer[offset + 5] != 0)
            {
                return -1;
            }

            int manifestLength = BigEndian.ReadUInt16(buffer, offset + 6);
            if (manifestLength == 0 || manifestLength > MaxManifestLength)
            {
                return -1;
            }

            return PrefixLength + manifestLength + SignatureLength;
        }

        /// <summary>Decodes the manifest of a header that is wholly in <paramref name="buffer"/>.</summary>
        public static ProtocolError ReadManifest(byte[] buffer, int offset, int count, FirmwareManifest manifest)
        {
            int header = HeaderLength(buffer, offset, count);
            if (header < 0)
            {
                return ProtocolError.UnexpectedType;
            }

            if (header == 0 || count < header)
            {
                return ProtocolError.Truncated;
            }

            return manifest.ReadFrom(buffer, offset + PrefixLength, header - PrefixLength - SignatureLength);
        }

        /// <summary>Whether the header at <paramref name="offset"/> was signed by <paramref name="publicKey"/>.</summary>
        public static bool VerifySignature(byte[] buffer, int offset, int count, byte[] publicKey)
        {
            int header = HeaderLength(buffer, offset, count);
            if (header <= 0 || count < header || publicKey == null || publicKey.Length != Ed25519.PublicKeyLength)
            {
                return false;
            }

            int signed = header - SignatureLength;
            return Ed25519.Verify(publicKey, 0, buffer, offset, signed, buffer, offset + signed);
        }

        /// <summary>The manifest's key id for <paramref name="publicKey"/>: the first 8 bytes of its SHA-256.</summary>
        public static byte[] KeyIdOf(byte[] publicKey)
        {
            byte[] hash = Sha256.Hash(publicKey, 0, publicKey.Length);
            byte[] id = new byte[FirmwareManifest.KeyIdLength];
            System.Array.Copy(hash, 0, id, 0, id.Length);
            return id;
        }

        /// <summary>Prefix and manifest: the bytes the signature is made over.</summary>
        public static byte[] SignedPart(byte[] manifest)
        {
            if (manifest == null || manifest.Length == 0 || manifest.Length > MaxManifestLength)
            {
                return null;
            }

            byte[] signed = new byte[PrefixLength + manifest.Length];
            signed[0] = Magic0;
            signed[1] = Magic1;
            signed[2] = Magic2;
            signed[3] = Magic3;
            signed[4] = Format;
            signed[5] = 0;
            BigEndian.WriteUInt16(signed, 6, manifest.Length);
            System.Array.Copy(manifest, 0, signed, PrefixLength, manifest.Length);
            return signed;
        }

        /// <summary>The whole bundle: signed part, signature, image.</summary>
        public static byte[] Assemble(byte[] signedPart, byte[] signature, byte[] image)
        {
            byte[] bundle = new byte[signedPart.Length + SignatureLength + image.Length];
            System.Array.Copy(signedPart, 0, bundle, 0, signedPart.Length);
            System.Array.Copy(signature, 0, bundle, signedPart.Length, SignatureLength);
            System.Array.Copy(image, 0, bundle, signedPart.Length + SignatureLength, image.Length);
            return bundle;
        }
    }
}
