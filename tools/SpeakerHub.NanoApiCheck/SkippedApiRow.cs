namespace SpeakerHub.NanoApiCheck;

/// <summary>A listing row that could not be turned into a compiling stub, and why.</summary>
public sealed record SkippedApiRow(ListedApiRow Row, string Reason)
{
    public override string ToString() => $"{Row.Where}: {Row.DocId}: {Reason}";
}
