namespace SpeakerHub.Cloud.Speech.Recognition;

/// <summary>
/// One running cepstral mean for the whole decoder pool: every utterance starts from it and is folded
/// into it when it ends, the way a single live pocketsphinx decoder adapts to its microphone.
/// </summary>
/// <remarks>
/// pocketsphinx 5prealpha keeps that mean per decoder and updates it only at the end of an utterance.
/// Pooled, each decoder's mean came from whichever utterances it happened to serve, and a new decoder
/// started from the model's <c>-cmninit</c>, made for audio about 20 dB quieter than ours: measured on
/// synthesized commands, the same audio came out right, wrong or empty depending on the decoder's
/// history. Sharing the mean makes every decoder as adapted as the pool; until the pool has heard
/// anything, the energy coefficient comes from the utterance's own opening level
/// (<see cref="CepstralMean.EnergyFor"/>), which measured as accurate as an adapted decoder.
/// </remarks>
internal sealed class PooledCepstralMean
{
    private readonly Lock gate = new();
    private float[]? current;

    /// <summary>Nothing learned yet: the next utterance needs its opening audio to be seeded.</summary>
    public bool IsCold
    {
        get
        {
            lock (gate)
            {
                return current is null;
            }
        }
    }

    /// <summary>Prepares <paramref name="mean"/> for a new utterance starting with <paramref name="opening"/>.</summary>
    public void Seed(CepstralMean mean, ReadOnlySpan<short> opening)
    {
        float[]? learned;
        lock (gate)
        {
            learned = current;
        }

        var seed = learned is null ? [.. mean.ModelMean] : (float[])learned.Clone();
        if (learned is null && CepstralMean.EnergyFor(opening) is { } energy)
        {
            seed[0] = energy;
        }

        mean.Write(seed);
    }

    /// <summary>Folds the utterance the decoder just finished into the pool's mean.</summary>
    public void Learn(CepstralMean mean)
    {
        var updated = mean.Update();
        lock (gate)
        {
            current = updated;
        }
    }
}
