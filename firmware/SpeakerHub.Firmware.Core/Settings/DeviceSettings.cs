using SpeakerHub.Firmware.Core.Commands;
using SpeakerHub.Protocol;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Firmware.Core.Settings
{
    /// <summary>
    /// What survives a reboot: audio settings, the applied twin version, the boot count and the recent
    /// command ids. Layout v1 (big-endian):
    /// <code>
    /// 0 format | 1 volume | 2 muted | 3 wake sensitivity | 4..11 twin version | 12..15 boot count
    /// 16 n | n × (4 command id, 1 outcome) | 2 Fletcher-16 over everything before it
    /// </code>
    /// A record that fails the checksum (torn flash write) or has an unknown format loads as defaults.
    /// </summary>
    public sealed class DeviceSettings
    {
        public const byte Format = 1;
        public const int DefaultVolume = 5;
        public const int DefaultWakeSensitivity = 50;

        private const int HeaderLength = 17;
        private const int CommandEntryLength = 5;
        private const int ChecksumLength = 2;

        private readonly RecentCommands _commands;

        public DeviceSettings(int recentCommandCapacity)
        {
            _commands = new RecentCommands(recentCommandCapacity);
            ResetToDefaults();
        }

        public int Volume { get; set; }

        public bool Muted { get; set; }

        public int WakeSensitivity { get; set; }

        /// <summary>The desired twin version last applied; 0 before the first one.</summary>
        public long TwinVersion { get; set; }

        public int BootCount { get; set; }

        public RecentCommands Commands
        {
            get { return _commands; }
        }

        /// <summary>Bytes an encoded record can take with a full command ring.</summary>
        public int MaxEncodedLength
        {
            get { return HeaderLength + (_commands.Capacity * CommandEntryLength) + ChecksumLength; }
        }

        public void ResetToDefaults()
        {
            Volume = DefaultVolume;
            Muted = false;
            WakeSensitivity = DefaultWakeSensitivity;
            TwinVersion = 0;
            BootCount = 0;
            _commands.Clear();
        }

        /// <summary>Encodes into <paramref name="buffer"/> (at least <see cref="MaxEncodedLength"/>); returns the length.</summary>
        public int WriteTo(byte[] buffer)
        {
            buffer[0] = Format;
            buffer[1] = (byte)Volume;
            buffer[2] = Muted ? (byte)1 : (byte)0;
            buffer[3] = (byte)WakeSensitivity;
            BigEndian.WriteInt64(buffer, 4, TwinVersion);
            BigEndian.WriteUInt32(buffer, 12, (uint)BootCount);
            buffer[16] = (byte)_commands.Count;
            int position = HeaderLength;
            for (int i = 0; i < _commands.Count; i++)
            {
                BigEndian.WriteUInt32(buffer, position, _commands.IdAt(i));
                buffer[position + 4] = _commands.OutcomeAt(i);
                position += CommandEntryLength;
            }

            BigEndian.WriteUInt16(buffer, position, Fletcher16.Compute(buffer, 0, position));
            return position + ChecksumLength;
        }

        /// <summary>Decodes a saved record; on anything invalid keeps defaults and returns false.</summary>
        public bool ReadFrom(byte[] buffer, int count)
        {
            ResetToDefaults();
            if (buffer == null || count < HeaderLength + ChecksumLength || count > buffer.Length || buffer[0] != Format)
            {
                return false;
            }

            int entries = buffer[16];
            int end = HeaderLength + (entries * CommandEntryLength);
            if (end + ChecksumLength != count || BigEndian.ReadUInt16(buffer, end) != Fletcher16.Compute(buffer, 0, end))
            {
                return false;
            }

            int volume = buffer[1];
            int sensitivity = buffer[3];
            long version = BigEndian.ReadInt64(buffer, 4);
            if (volume > TwinPatch.MaxVolume || buffer[2] > 1 || sensitivity > TwinPatch.MaxWakeSensitivity || version < 0)
            {
                return false;
            }

            Volume = volume;
            Muted = buffer[2] == 1;
            WakeSensitivity = sensitivity;
            TwinVersion = version;
            BootCount = (int)BigEndian.ReadUInt32(buffer, 12);
            for (int i = 0; i < entries; i++)
            {
                int entry = HeaderLength + (i * CommandEntryLength);
                _commands.Remember(BigEndian.ReadUInt32(buffer, entry), buffer[entry + 4]);
            }

            return true;
        }
    }
}
