using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using SpeakerHub.Cloud.Abstractions.Fleet;

namespace SpeakerHub.Cloud.Grains.Fleet;

/// <summary>The pure parts of a rollout: validating a spec, matching devices, ordering them and cutting waves.</summary>
public static class RolloutPlan
{
    public const int MaxWaves = 10;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first rule the spec breaks.</summary>
    public static void Validate(RolloutSpec spec)
    {
        if (string.IsNullOrWhiteSpace(spec.Selector?.Model))
        {
            throw new ArgumentException("The selector needs a model.");
        }

        var waves = spec.WavePercents;
        if (waves is null || waves.Count == 0 || waves.Count > MaxWaves)
        {
            throw new ArgumentException($"A rollout has 1 to {MaxWaves} waves.");
        }

        for (var i = 0; i < waves.Count; i++)
        {
            if (waves[i] is <= 0 or > 100 || double.IsNaN(waves[i]))
            {
                throw new ArgumentException($"Wave {i + 1} is {waves[i]} %; each wave is a cumulative percentage in (0, 100].");
            }

            if (i > 0 && waves[i] <= waves[i - 1])
            {
                throw new ArgumentException($"Wave {i + 1} ({waves[i]} %) must cover more than wave {i} ({waves[i - 1]} %): waves are cumulative.");
            }
        }

        if (waves[^1] != 100)
        {
            throw new ArgumentException($"The last wave must reach 100 %, not {waves[^1]} %.");
        }

        if (spec.Soak < TimeSpan.Zero || spec.WaveTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("The soak time cannot be negative and the wave timeout must be positive.");
        }

        var gates = spec.Gates ?? throw new ArgumentException("Health gates are required.");
        foreach (var (name, rate) in new[] { ("minSuccessRate", gates.MinSuccessRate), ("maxRollbackRate", gates.MaxRollbackRate), ("maxVoiceErrorRateIncrease", gates.MaxVoiceErrorRateIncrease) })
        {
            if (rate is < 0 or > 1 || double.IsNaN(rate))
            {
                throw new ArgumentException($"Gate {name} is {rate}; rates are between 0 and 1.");
            }
        }

        if (gates.MaxExtraReconnectsPerDevice < 0 || gates.MaxExtraRebootsPerDevice < 0)
        {
            throw new ArgumentException("Gates on extra reconnects and reboots cannot be negative.");
        }
    }

    public static bool Matches(RolloutSelector selector, FleetDeviceInfo device) =>
        device.Model == selector.Model
        && (selector.Tags is null || selector.Tags.All(tag => device.Tags.Contains(tag, StringComparer.Ordinal)))
        && (selector.FromVersions is null || selector.FromVersions.Count == 0 || selector.FromVersions.Contains(device.FirmwareVersion ?? string.Empty, StringComparer.Ordinal));

    public static string Describe(RolloutSelector selector) =>
        (selector.Tags is { Count: > 0 } ? $", tags {string.Join(", ", selector.Tags)}" : string.Empty)
        + (selector.FromVersions is { Count: > 0 } ? $", from versions {string.Join(", ", selector.FromVersions)}" : string.Empty);

    /// <summary>A stable shuffle keyed by <paramref name="seed"/>: the same rollout always cuts the same waves.</summary>
    public static IReadOnlyList<string> Order(string seed, IEnumerable<string> deviceIds) =>
        deviceIds
            .Select(id => (Id: id, Key: BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(seed + "\n" + id)))))
            .OrderBy(entry => entry.Key)
            .ThenBy(entry => entry.Id, StringComparer.Ordinal)
            .Select(entry => entry.Id)
            .ToArray();

    /// <summary>
    /// Waves by cumulative percentage, rounded up so 1 % of 200 is 2 devices and a first wave is never
    /// empty; waves that would add no device are dropped.
    /// </summary>
    public static List<RolloutWave> CutWaves(IReadOnlyList<string> ordered, IReadOnlyList<double> percents)
    {
        var waves = new List<RolloutWave>();
        var taken = 0;
        foreach (var percent in percents)
        {
            var upTo = Math.Min(ordered.Count, Math.Max(1, (int)Math.Ceiling(ordered.Count * percent / 100.0 - 1e-9)));
            if (upTo <= taken)
            {
                continue;
            }

            waves.Add(new RolloutWave { Index = waves.Count, Percent = percent, DeviceIds = ordered.Skip(taken).Take(upTo - taken).ToList() });
            taken = upTo;
        }

        return waves;
    }
}
