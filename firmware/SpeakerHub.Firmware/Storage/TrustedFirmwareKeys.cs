using System.Collections;
using SpeakerHub.Protocol.Security;

namespace SpeakerHub.Firmware.Storage
{
    /// <summary>
    /// The Ed25519 public keys this build accepts firmware from, compiled in like a boot ROM's key: a
    /// key the cloud sends could be anyone's. Put the fleet's operator keys here (the hex that
    /// <c>tools/SpeakerHub.FirmwareSigner keygen</c> prints) before building a release; with none, the
    /// device refuses every update as signed by an untrusted key, which is the safe way to be wrong.
    /// </summary>
    public static class TrustedFirmwareKeys
    {
        private static readonly string[] PublicKeysHex = new string[0];

        public static ArrayList Load()
        {
            ArrayList keys = new ArrayList();
            for (int i = 0; i < PublicKeysHex.Length; i++)
            {
                byte[] key = Hex.Decode(PublicKeysHex[i]);
                if (key != null && key.Length == Ed25519.PublicKeyLength)
                {
                    keys.Add(key);
                }
            }

            return keys;
        }
    }
}
