using System.Collections;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Firmware;
using SpeakerHub.Protocol.Messages;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.Firmware.Core.Ota
{
    /// <summary>
    /// Checks a signed bundle on the device: the manifest decodes, names a key the device trusts, the
    /// Ed25519 signature over it holds, and the image's SHA-256 matches. Works on a slot in flash (read
    /// in 1 KiB blocks: an image never has to fit in RAM) or on bytes in memory (the host loader twin).
    /// Results are <c>OtaStatus.Reason…</c> values, <see cref="OtaStatus.ReasonNone"/> for a good image.
    /// One instance holds its buffers; not thread-safe.
    /// </summary>
    public sealed class SignedImageCheck
    {
        private const int BlockLength = 1024;

        private readonly ArrayList _keys = new ArrayList();
        private readonly ArrayList _keyIds = new ArrayList();
        private readonly byte[] _header = new byte[FirmwareBundle.MaxHeaderLength];
        private readonly byte[] _block = new byte[BlockLength];
        private readonly byte[] _digest = new byte[Sha256.HashLength];
        private readonly Sha256 _sha = new Sha256();
        private readonly FirmwareManifest _manifest = new FirmwareManifest();
        private int _headerLength;

        /// <param name="trustedKeys">32-byte Ed25519 public keys whose signatures the device accepts.</param>
        public SignedImageCheck(ArrayList trustedKeys)
        {
            if (trustedKeys != null)
            {
                for (int i = 0; i < trustedKeys.Count; i++)
                {
                    byte[] key = trustedKeys[i] as byte[];
                    if (key != null && key.Length == Ed25519.PublicKeyLength)
                    {
                        _keys.Add(key);
                        _keyIds.Add(FirmwareBundle.KeyIdOf(key));
                    }
                }
            }
        }

        /// <summary>The manifest of the last header checked.</summary>
        public FirmwareManifest Manifest
        {
            get { return _manifest; }
        }

        /// <summary>Header length of the last header checked; 0 before one was read.</summary>
        public int HeaderLength
        {
            get { return _headerLength; }
        }

        /// <summary>Length of the whole bundle the last header describes.</summary>
        public int BundleLength
        {
            get { return _headerLength + _manifest.ImageLength; }
        }

        /// <summary>
        /// Reads the header from the first <paramref name="available"/> bytes of <paramref name="slot"/>.
        /// Returns <see cref="OtaStatus.ReasonNone"/> when it is whole and signed by a trusted key,
        /// <see cref="ReasonIncomplete"/> when more bytes are needed first, or the reason to refuse.
        /// </summary>
        public byte CheckHeader(IFirmwareSlots slots, int slot, int available)
        {
            _headerLength = 0;
            int wanted = available < FirmwareBundle.MaxHeaderLength ? available : FirmwareBundle.MaxHeaderLength;
            if (wanted < FirmwareBundle.PrefixLength)
            {
                return ReasonIncomplete;
            }

            if (slots.Read(slot, 0, _header, 0, wanted) != wanted)
            {
                return OtaStatus.ReasonFlashFault;
            }

            return CheckHeaderBytes(_header, 0, wanted);
        }

        /// <summary>After <see cref="CheckHeader"/>: the image behind the header hashes to the manifest's SHA-256.</summary>
        public byte CheckImage(IFirmwareSlots slots, int slot)
        {
            if (_headerLength == 0)
            {
                return OtaStatus.ReasonMalformedBundle;
            }

            _sha.Reset();
            int position = _headerLength;
            int end = BundleLength;
            while (position < end)
            {
                int count = end - position < BlockLength ? end - position : BlockLength;
                if (slots.Read(slot, position, _block, 0, count) != count)
                {
                    return OtaStatus.ReasonFlashFault;
                }

                _sha.Update(_block, 0, count);
                position += count;
            }

            _sha.Final(_digest, 0);
            return SameDigest() ? OtaStatus.ReasonNone : OtaStatus.ReasonHashMismatch;
        }

        /// <summary>The whole check of a bundle of <paramref name="length"/> bytes in <paramref name="slot"/>.</summary>
        public byte CheckSlot(IFirmwareSlots slots, int slot, int length)
        {
            byte header = WholeBundleHeader(CheckHeader(slots, slot, length), length);
            if (header != OtaStatus.ReasonNone)
            {
                return header;
            }

            return CheckImage(slots, slot);
        }

        /// <summary>The whole check of a bundle held in memory.</summary>
        public byte CheckBytes(byte[] bundle, int offset, int length)
        {
            byte header = WholeBundleHeader(CheckHeaderBytes(bundle, offset, length), length);
            if (header != OtaStatus.ReasonNone)
            {
                return header;
            }

            _sha.Reset();
            _sha.Update(bundle, offset + _headerLength, _manifest.ImageLength);
            _sha.Final(_digest, 0);
            return SameDigest() ? OtaStatus.ReasonNone : OtaStatus.ReasonHashMismatch;
        }

        /// <summary>Not a refusal: the header is not all there yet.</summary>
        public const byte ReasonIncomplete = 0xFF;

        private byte CheckHeaderBytes(byte[] buffer, int offset, int count)
        {
            _headerLength = 0;
            int header = FirmwareBundle.HeaderLength(buffer, offset, count);
            if (header < 0)
            {
                return OtaStatus.ReasonMalformedBundle;
            }

            if (header == 0 || count < header)
            {
                return ReasonIncomplete;
            }

            if (FirmwareBundle.ReadManifest(buffer, offset, count, _manifest) != ProtocolError.None)
            {
                return OtaStatus.ReasonMalformedBundle;
            }

            byte[] key = KeyFor(_manifest.KeyId);
            if (key == null)
            {
                return OtaStatus.ReasonUntrustedKey;
            }

            if (!FirmwareBundle.VerifySignature(buffer, offset, header, key))
            {
                return OtaStatus.ReasonBadSignature;
            }

            _headerLength = header;
            return OtaStatus.ReasonNone;
        }

        /// <summary>
        /// Turns a header result into the verdict of a whole-bundle check of <paramref name="length"/>
        /// bytes: a header that is not all there, or one describing a bundle of another length, makes
        /// the bundle malformed; a refusal passes through. <see cref="OtaStatus.ReasonNone"/> means
        /// the image is still to be hashed.
        /// </summary>
        private byte WholeBundleHeader(byte header, int length)
        {
            if (header == ReasonIncomplete)
            {
                return OtaStatus.ReasonMalformedBundle;
            }

            if (header != OtaStatus.ReasonNone)
            {
                return header;
            }

            if (BundleLength != length)
            {
                return OtaStatus.ReasonMalformedBundle;
            }

            return OtaStatus.ReasonNone;
        }

        private byte[] KeyFor(byte[] keyId)
        {
            for (int i = 0; i < _keyIds.Count; i++)
            {
                byte[] candidate = (byte[])_keyIds[i];
                bool same = true;
                for (int b = 0; b < candidate.Length; b++)
                {
                    same &= candidate[b] == keyId[b];
                }

                if (same)
                {
                    return (byte[])_keys[i];
                }
            }

            return null;
        }

        private bool SameDigest()
        {
            byte[] expected = _manifest.ImageSha256;
            int difference = 0;
            for (int i = 0; i < _digest.Length; i++)
            {
                difference |= _digest[i] ^ expected[i];
            }

            return difference == 0;
        }
    }
}
