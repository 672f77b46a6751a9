namespace SpeakerHub.Protocol.Messages
{
    /// <summary>
    /// Typed text said as the device, on <c>up/voice</c> (the voice topic carries text and audio alike).
    /// The correlation id names the interaction; the reply carries it back.
    /// </summary>
    public sealed class Utterance : Message
    {
        public const byte TagText = 1;

        public const int MaxTextLength = 512;

        public string Text;

        public override byte Type
        {
            get { return MessageType.Utterance; }
        }

        protected override void WriteFields(MessageWriter writer)
        {
            writer.WriteString(TagText, Text);
        }

        protected override void ReadField(FieldReader reader)
        {
            if (reader.Tag == TagText)
            {
                Text = reader.ReadString();
            }
        }

        protected override void Clear()
        {
            Text = null;
        }

        protected override ProtocolError Validate()
        {
            if (Text == null || Text.Length == 0)
            {
                return ProtocolError.MissingField;
            }

            return Text.Length > MaxTextLength ? ProtocolError.OutOfRange : ProtocolError.None;
        }
    }
}
