namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// The assistant's answer on <c>down/reply</c>: what to say, and whether to reopen the microphone
    /// for a follow-up without a new trigger. The correlation id is the utterance's.
    /// </summary>
    public sealed class Reply : Message
    {
        public const byte TagText = 1;
        public const byte TagExpectsFollowUp = 2;
        public const byte TagIntent = 3;

        public string Text;
        public bool ExpectsFollowUp;
        public string Intent;

        public override byte Type
        {
            get { return MessageType.Reply; }
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteString(TagText, Text);
            writer.WriteBool(TagExpectsFollowUp, ExpectsFollowUp);
            writer.WriteString(TagIntent, Intent);
        }

        protected override void ReadField(FieldReader reader)
        {
            switch (reader.Tag)
            {
                case TagText: Text = reader.ReadString(); break;
                case TagExpectsFollowUp: ExpectsFollowUp = reader.ReadBool(); break;
                case TagIntent: Intent = reader.ReadString(); break;
            }
        }

        protected override void Clear()
        {
            Text = null;
            ExpectsFollowUp = false;
            Intent = null;
        }

        protected override ProtocolError Validate()
        {
            return Text == null ? ProtocolError.MissingField : ProtocolError.None;
        }
    }
}
