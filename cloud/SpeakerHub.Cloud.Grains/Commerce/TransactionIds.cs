using System.Security.Cryptography;

namespace SpeakerHub.Cloud.Grains.Commerce;

/// <summary>
/// Transaction ids that sort in the order this process made them, even within one millisecond:
/// <c>tx-</c>, 12 hex digits of Unix milliseconds (never going back), 4 of a counter within that
/// millisecond, 8 random. Statements order by time, then by id.
/// </summary>
internal static class TransactionIds
{
    private static readonly Lock Gate = new();
    private static long lastMs;
    private static int counter;

    public static string Next(DateTimeOffset now)
    {
        long ms;
        int sequence;
        lock (Gate)
        {
            ms = Math.Max(now.ToUnixTimeMilliseconds(), lastMs);
            counter = ms == lastMs ? counter + 1 : 0;
            if (counter > 0xFFFF)
            {
                ms++;
                counter = 0;
            }

            lastMs = ms;
            sequence = counter;
        }

        return $"tx-{ms:x12}{sequence:x4}{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
    }
}
