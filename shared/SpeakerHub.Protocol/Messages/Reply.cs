namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// The assistant's answer on <c>down/reply</c>: what to say, and whether to reopen the microphone
    /// for a follow-up without a new trigger. The correlation id is the utterance's; a reply nobody asked
    /// for (a timer going off) carries an id with <see cref="AnnouncementIdBit"/> set, which no device
    /// ever gives an utterance. With <see cref="AudioFollows"/> the voice comes as <see cref="ReplyAudio"/>
    /// chunks with the same id, and the device plays those instead of its own text-to-speech.
    /// </summary>
    public sealed class Reply : Message
    {
        public const byte TagText = 1;
        public const byte TagExpectsFollowUp = 2;
        public const byte TagIntent = 3;
        public const byte TagAudioFollows = 4;

        /// <summary>Top bit of an announcement's correlation id: the device knows it did not ask.</summary>
        public const uint AnnouncementIdBit = 0x80000000;

        public string Text;
        public bool ExpectsFollowUp;
        public string Intent;
        public bool AudioFollows;

        public override byte Type
        {
            get { return MessageType.Reply; }
        }

        /// <summary>True for an id the cloud chose for a reply no utterance asked for.</summary>
        public static bool IsAnnouncementId(uint correlationId)
        {
            return (correlationId & AnnouncementIdBit) != 0;
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteString(TagText, Text);
            writer.WriteBool(TagExpectsFollowUp, ExpectsFollowUp);
            writer.WriteString(TagIntent, Intent);
            if (AudioFollows)
            {
                writer.WriteBool(TagAudioFollows, true);
            }
        }

        protected override void ReadField(FieldReader reader)
        {
            switch (reader.Tag)
            {
                case TagText: Text = reader.ReadString(); break;
                case TagExpectsFollowUp: ExpectsFollowUp = reader.ReadBool(); break;
                case TagIntent: Intent = reader.ReadString(); break;
                case TagAudioFollows: AudioFollows = reader.ReadBool(); break;
            }
        }

        protected override void Clear()
        {
            Text = null;
            ExpectsFollowUp = false;
            Intent = null;
            AudioFollows = false;
        }

        protected override ProtocolError Validate()
        {
            return Text == null ? ProtocolError.MissingField : ProtocolError.None;
        }
    }
}
