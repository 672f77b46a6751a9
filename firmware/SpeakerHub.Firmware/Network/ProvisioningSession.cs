using System.Text;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Security;
using SpeakerHub.Firmware.Storage;

namespace SpeakerHub.Firmware.Network
{
    /// <summary>
    /// The pairing line protocol, one line in, one reply out (docs/firmware.md §Provisioning):
    /// <code>
    /// wifi &lt;ssid&gt; &lt;password&gt;     ssid in double quotes if it has spaces; password = rest of line
    /// device &lt;id&gt; &lt;keyhex&gt;      device id and its 32-byte key as 64 hex digits
    /// mqtt &lt;host&gt; &lt;port&gt; [ca]    with "ca", the PEM CA certificate(s) follow, ended by a line "."
    /// status | done | help
    /// </code>
    /// Replies start with "ok" or "error". Pure logic (text in, text out) so it is testable off the
    /// device; the socket side is <see cref="PairingServer"/>.
    /// </summary>
    public sealed class ProvisioningSession
    {
        public const string Ok = "ok";
        public const string CertificateTerminator = ".";

        private const string ErrorPrefix = "error ";
        private const string CaKeyword = "ca";
        private const char Quote = '"';
        private const char Space = ' ';
        private const int MaxPort = 65535;

        private readonly ProvisionedConfig _config;
        private StringBuilder _certificate;

        public ProvisioningSession(ProvisionedConfig config)
        {
            _config = config;
        }

        /// <summary>Set by "done" once the configuration is complete: save it and reboot.</summary>
        public bool IsFinished { get; private set; }

        public ProvisionedConfig Config
        {
            get { return _config; }
        }

        /// <summary>Handles one line (without its line ending); returns the reply, or null while reading a certificate.</summary>
        public string Handle(string line)
        {
            if (_certificate != null)
            {
                return ReadCertificateLine(line);
            }

            string trimmed = line.Trim();
            int space = trimmed.IndexOf(Space);
            string verb = (space < 0 ? trimmed : trimmed.Substring(0, space)).ToLower();
            string rest = space < 0 ? string.Empty : trimmed.Substring(space + 1).Trim();
            switch (verb)
            {
                case "wifi":
                    return HandleWifi(rest);
                case "device":
                    return HandleDevice(rest);
                case "mqtt":
                    return HandleMqtt(rest);
                case "status":
                    return Status();
                case "done":
                    return HandleDone();
                case "help":
                    return "ok commands: wifi <ssid> <password> | device <id> <keyhex> | mqtt <host> <port> [ca] | status | done";
                default:
                    return ErrorPrefix + "unknown command";
            }
        }

        private string HandleWifi(string rest)
        {
            string ssid;
            string password;
            if (rest.Length > 0 && rest[0] == Quote)
            {
                int close = rest.IndexOf(Quote, 1);
                if (close < 0)
                {
                    return ErrorPrefix + "unterminated ssid quote";
                }

                ssid = rest.Substring(1, close - 1);
                password = rest.Substring(close + 1).Trim();
            }
            else
            {
                int space = rest.IndexOf(Space);
                ssid = space < 0 ? rest : rest.Substring(0, space);
                password = space < 0 ? string.Empty : rest.Substring(space + 1).Trim();
            }

            if (ssid.Length == 0)
            {
                return ErrorPrefix + "ssid required";
            }

            _config.WifiSsid = ssid;
            _config.WifiPassword = password;
            return Ok;
        }

        private string HandleDevice(string rest)
        {
            string[] parts = rest.Split(Space);
            if (parts.Length != 2 || !Topics.IsValidDeviceId(parts[0]))
            {
                return ErrorPrefix + "usage: device <id> <keyhex>; id is 1-64 of A-Z a-z 0-9 - _";
            }

            byte[] key = Hex.Decode(parts[1]);
            if (key == null || key.Length != DeviceToken.KeyLength)
            {
                return ErrorPrefix + "key must be 64 hex digits";
            }

            _config.DeviceId = parts[0];
            _config.DeviceKey = key;
            return Ok;
        }

        private string HandleMqtt(string rest)
        {
            string[] parts = rest.Split(Space);
            int port;
            if (parts.Length < 2 || parts.Length > 3 || parts[0].Length == 0 || !int.TryParse(parts[1], out port) || port <= 0 || port > MaxPort)
            {
                return ErrorPrefix + "usage: mqtt <host> <port> [ca]";
            }

            bool withCa = parts.Length == 3;
            if (withCa && parts[2].ToLower() != CaKeyword)
            {
                return ErrorPrefix + "third word must be ca";
            }

            _config.MqttHost = parts[0];
            _config.MqttPort = port;
            _config.CaCertificatePem = string.Empty;
            if (withCa)
            {
                _certificate = new StringBuilder();
                return "ok send PEM, end with a line \".\"";
            }

            return Ok;
        }

        private string ReadCertificateLine(string line)
        {
            string trimmed = line.Trim();
            if (trimmed != CertificateTerminator)
            {
                _certificate.Append(trimmed);
                _certificate.Append('\n');
                return null;
            }

            string pem = _certificate.ToString();
            _certificate = null;
            if (pem.IndexOf("-----BEGIN CERTIFICATE-----") < 0 || pem.Length + 1 > ProvisionedConfig.MaxEncodedBytes / 2)
            {
                return ErrorPrefix + "not a PEM certificate, or too long";
            }

            _config.CaCertificatePem = pem;
            return Ok;
        }

        private string HandleDone()
        {
            if (!_config.IsComplete)
            {
                return ErrorPrefix + "incomplete: " + Status();
            }

            IsFinished = true;
            return "ok saved, rebooting";
        }

        private string Status()
        {
            return "ok wifi=" + YesNo(_config.HasWifi) + " device=" + YesNo(_config.HasIdentity)
                + " mqtt=" + YesNo(_config.HasBroker) + " tls=" + YesNo(_config.UsesTls);
        }

        private static string YesNo(bool value)
        {
            return value ? "yes" : "no";
        }
    }
}
