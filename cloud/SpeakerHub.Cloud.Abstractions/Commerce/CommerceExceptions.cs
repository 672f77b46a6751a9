namespace SpeakerHub.Cloud.Abstractions.Commerce;

/// <summary>
/// A payment, top-up or refund that cannot be made as asked (a bad amount, a PIN that is not four digits,
/// a refund larger than what is left of its payment); the API answers 400 or 409 with the message.
/// </summary>
[GenerateSerializer, Alias("SpeakerHub.CommerceRejectedException")]
public sealed class CommerceRejectedException : Exception
{
    public CommerceRejectedException()
    {
    }

    public CommerceRejectedException(string message)
        : base(message)
    {
    }

    public CommerceRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the request clashes with what is stored (409) rather than being malformed (400).</summary>
    [Id(0)]
    public bool IsConflict { get; init; }

    public static CommerceRejectedException Invalid(string message) => new(message);

    public static CommerceRejectedException Conflict(string message) => new(message) { IsConflict = true };
}

/// <summary>A merchant, payment or order that does not exist for the caller; the API answers 404.</summary>
[GenerateSerializer, Alias("SpeakerHub.CommerceNotFoundException")]
public sealed class CommerceNotFoundException : Exception
{
    public CommerceNotFoundException()
    {
    }

    public CommerceNotFoundException(string message)
        : base(message)
    {
    }

    public CommerceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
