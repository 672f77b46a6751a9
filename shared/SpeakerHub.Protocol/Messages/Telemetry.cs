namespace SpeakerHub.Protocol.Messages
{
    /// <summary>Periodic health figures on <c>up/tel</c>; every field optional.</summary>
    public sealed class Telemetry : Message
    {
        public const byte TagUptimeSeconds = 1;
        public const byte TagFreeMemory = 2;
        public const byte TagRssi = 3;
        public const byte TagQueuedMessages = 4;
        public const byte TagReconnects = 5;

        public long UptimeSeconds;
        public int FreeMemory;
        public int Rssi;
        public int QueuedMessages;
        public int Reconnects;

        public override byte Type
        {
            get { return MessageType.Telemetry; }
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteInt64(TagUptimeSeconds, UptimeSeconds);
            writer.WriteInt32(TagFreeMemory, FreeMemory);
            writer.WriteInt32(TagRssi, Rssi);
            writer.WriteInt32(TagQueuedMessages, QueuedMessages);
            writer.WriteInt32(TagReconnects, Reconnects);
        }

        protected override void ReadField(FieldReader reader)
        {
            switch (reader.Tag)
            {
                case TagUptimeSeconds: UptimeSeconds = reader.ReadInt64(); break;
                case TagFreeMemory: FreeMemory = reader.ReadInt32(); break;
                case TagRssi: Rssi = reader.ReadInt32(); break;
                case TagQueuedMessages: QueuedMessages = reader.ReadInt32(); break;
                case TagReconnects: Reconnects = reader.ReadInt32(); break;
            }
        }

        protected override void Clear()
        {
            UptimeSeconds = 0;
            FreeMemory = 0;
            Rssi = 0;
            QueuedMessages = 0;
            Reconnects = 0;
        }
    }
}
