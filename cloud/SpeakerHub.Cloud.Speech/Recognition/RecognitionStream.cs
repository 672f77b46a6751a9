using System.Diagnostics;
using SpeakerHub.Cloud.Speech.Audio;
using SpeakerHub.Cloud.Speech.Grammar;
using SpeakerHub.Protocol.Messages;

namespace SpeakerHub.Cloud.Speech.Recognition;

/// <summary>
/// One utterance being recognized on a leased decoder. Audio is cleaned of steady background noise
/// (<see cref="NoiseSuppressor"/>, 16 ms behind) and decoded as it arrives (after a short opening held
/// back to measure its level), so <see cref="Finish"/> only closes the search. One caller at a time;
/// <see cref="Dispose"/> returns the decoder to the pool, finished or not.
/// </summary>
public sealed class RecognitionStream : IDisposable
{
    // Only utterances of half a second or more teach the pool's mean: a warm-up frame of digital silence
    // or a click taught it a level no speech has, and the next request came out "sorry".
    private const int LearnFrames = 50;

    private readonly DecoderPool pool;
    private readonly PocketSphinxDecoder decoder;
    private readonly PooledCepstralMean pooledMean;
    private readonly IReadOnlyList<string> wakeWords;
    private readonly string search;
    private readonly int holdBack;
    private readonly NoiseSuppressor? suppressor;
    private readonly Action<ReadOnlyMemory<short>> decode;
    private long decodeTicks;
    private long samples;
    private int held;
    private bool started;
    private bool finished;
    private bool healthy = true;
    private bool disposed;

    internal RecognitionStream(
        DecoderPool pool,
        PocketSphinxDecoder decoder,
        PooledCepstralMean pooledMean,
        CompiledGrammar grammar,
        RecognitionMode mode,
        NoiseSuppressor? suppressor)
    {
        this.suppressor = suppressor;
        decode = cleaned => Decode(cleaned.Span);
        this.pool = pool;
        this.decoder = decoder;
        this.pooledMean = pooledMean;
        holdBack = decoder.Mean is not null && pooledMean.IsCold ? decoder.Opening.Length : 0;
        wakeWords = grammar.WakeWords;
        Mode = mode;
        search = mode switch
        {
            RecognitionMode.Wake => CompiledGrammar.WakeSearch,
            RecognitionMode.Answer => CompiledGrammar.AnswerSearch,
            _ => CompiledGrammar.CommandSearch,
        };
    }

    public RecognitionMode Mode { get; }

    /// <summary>Feeds 16 kHz mono samples, typically one 20 ms frame as it arrives.</summary>
    public void Accept(ReadOnlySpan<short> audio)
    {
        ThrowIfClosed();
        samples += audio.Length;
        var before = Stopwatch.GetTimestamp();
        try
        {
            if (suppressor is null)
            {
                Decode(audio);
            }
            else
            {
                suppressor.Process(audio, decode);
            }
        }
        catch
        {
            healthy = false;
            throw;
        }
        finally
        {
            decodeTicks += Stopwatch.GetTimestamp() - before;
        }
    }

    /// <summary>Closes the utterance and reads the result; the stream accepts nothing afterwards.</summary>
    public RecognitionResult Finish()
    {
        ThrowIfClosed();
        finished = true;
        var (hypothesis, frames) = Native(() =>
        {
            suppressor?.Flush(decode);
            if (!started)
            {
                Begin();
            }

            var ended = decoder.EndUtterance();
            if (decoder.Mean is not null && ended.Frames >= LearnFrames)
            {
                pooledMean.Learn(decoder.Mean);
            }

            return ended;
        });
        var (outcome, transcript, wakeHeard) = HypothesisReader.Read(hypothesis, frames, wakeWords, Mode == RecognitionMode.Wake);
        return new RecognitionResult(
            outcome,
            transcript,
            wakeHeard,
            Stopwatch.GetElapsedTime(0, decodeTicks),
            (int)(samples * 1000 / AudioChunk.SampleRate));
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (started && !finished && healthy)
        {
            healthy = decoder.Abandon();
        }

        pool.Return(decoder, healthy);
    }

    /// <summary>Decodes cleaned audio, holding back the opening until its level is measured.</summary>
    private void Decode(ReadOnlySpan<short> audio)
    {
        if (!started)
        {
            var take = Math.Min(holdBack - held, audio.Length);
            audio[..take].CopyTo(decoder.Opening.AsSpan(held));
            held += take;
            audio = audio[take..];
            if (held < holdBack)
            {
                return;
            }

            Begin();
        }

        decoder.Process(audio);
    }

    /// <summary>Starts the search from the pool's cepstral mean (or the held-back opening's level) and decodes that opening.</summary>
    private void Begin()
    {
        started = true;
        var opening = decoder.Opening.AsSpan(0, held);
        if (decoder.Mean is not null)
        {
            pooledMean.Seed(decoder.Mean, opening);
        }

        decoder.StartUtterance(search);
        decoder.Process(opening);
    }

    private T Native<T>(Func<T> call)
    {
        var before = Stopwatch.GetTimestamp();
        try
        {
            return call();
        }
        catch
        {
            healthy = false;
            throw;
        }
        finally
        {
            decodeTicks += Stopwatch.GetTimestamp() - before;
        }
    }

    private void ThrowIfClosed()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (finished)
        {
            throw new InvalidOperationException("The utterance is finished; start a new stream.");
        }
    }
}
