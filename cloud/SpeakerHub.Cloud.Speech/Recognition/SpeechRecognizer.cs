using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Speech.Audio;
using SpeakerHub.Cloud.Speech.Grammar;
using SpeakerHub.Cloud.Speech.Nlu;

namespace SpeakerHub.Cloud.Speech.Recognition;

/// <summary>
/// Speech to text, constrained to what the installed skills understand. Holds a pool of pocketsphinx
/// decoders; each utterance leases one through <see cref="Start"/>. When the interaction model changes,
/// its grammar is compiled once and every decoder takes it on at its next lease, without a restart.
/// A singleton: streams on different threads decode concurrently.
/// </summary>
public sealed partial class SpeechRecognizer : IDisposable
{
    private readonly SpeechRecognitionOptions options;
    private readonly IInteractionModelSource models;
    private readonly ILogger logger;
    private readonly GrammarCompiler compiler;
    private readonly DecoderPool pool;
    private readonly PooledCepstralMean pooledMean = new();
    private readonly Lock compileGate = new();
    private volatile CompiledGrammar? grammar;

    public SpeechRecognizer(
        IOptions<SpeechRecognitionOptions> options, IInteractionModelSource models, ILogger<SpeechRecognizer> logger)
    {
        this.options = options.Value;
        this.models = models;
        this.logger = logger;
        compiler = new GrammarCompiler(this.options.WakePhrase, this.options.RejectionPhoneWeight);
        pool = new DecoderPool(this.options.PoolSize, () => PocketSphinxDecoder.Create(this.options));
        models.Changed += OnModelChanged;
    }

    /// <summary>Decoders created so far; stays at most the pool size while none fails.</summary>
    public int DecodersCreated => pool.Created;

    /// <summary>
    /// Starts an utterance searched with the grammar for <paramref name="mode"/>. Waits up to the lease
    /// timeout when every decoder is busy.
    /// </summary>
    public RecognitionStream Start(RecognitionMode mode)
    {
        var current = CurrentGrammar();
        return Open(pool.Lease(options.LeaseTimeout), current, mode);
    }

    /// <summary><see cref="Start"/> for callers that must not block a thread while the pool is busy.</summary>
    public async ValueTask<RecognitionStream> StartAsync(RecognitionMode mode, CancellationToken cancellationToken = default)
    {
        var current = CurrentGrammar();
        return Open(await pool.LeaseAsync(options.LeaseTimeout, cancellationToken), current, mode);
    }

    public void Dispose()
    {
        models.Changed -= OnModelChanged;
        pool.Dispose();
    }

    private RecognitionStream Open(PocketSphinxDecoder decoder, CompiledGrammar current, RecognitionMode mode)
    {
        try
        {
            if (decoder.GrammarVersion != current.Version)
            {
                Load(decoder, current);
            }

            var suppressor = options.NoiseSuppression ? new NoiseSuppressor(options.NoiseGainFloor) : null;
            return new RecognitionStream(pool, decoder, pooledMean, current, mode, suppressor);
        }
        catch
        {
            pool.Return(decoder, healthy: false);
            throw;
        }
    }

    /// <summary>Adds the words the decoder lacks (a grammar with one unknown word fails whole), then swaps grammars.</summary>
    private static void Load(PocketSphinxDecoder decoder, CompiledGrammar compiled)
    {
        foreach (var (word, phones) in compiled.Dictionary)
        {
            if (!decoder.HasWord(word))
            {
                decoder.AddWord(word, phones);
            }
        }

        decoder.SetGrammar(CompiledGrammar.CommandSearch, compiled.CommandFsg);
        decoder.SetGrammar(CompiledGrammar.WakeSearch, compiled.WakeFsg);
        decoder.SetGrammar(CompiledGrammar.AnswerSearch, compiled.AnswerFsg);
        decoder.GrammarVersion = compiled.Version;
    }

    private CompiledGrammar CurrentGrammar()
    {
        var model = models.Current;
        var compiled = grammar;
        if (compiled?.Version == model.Version)
        {
            return compiled;
        }

        lock (compileGate)
        {
            compiled = grammar;
            if (compiled?.Version != model.Version)
            {
                compiled = compiler.Compile(model, options.DictionaryPath);
                grammar = compiled;
                Log.GrammarCompiled(logger, compiled.Version, compiled.Dictionary.Count, compiled.Unpronounceable.Count);
                if (compiled.Unpronounceable.Count > 0)
                {
                    Log.Unpronounceable(logger, string.Join(", ", compiled.Unpronounceable));
                }
            }

            return compiled;
        }
    }

    /// <summary>Compiles the new model off the publisher's thread, so the next utterance finds it ready.</summary>
    private void OnModelChanged(InteractionModel model) => ThreadPool.QueueUserWorkItem(_ =>
    {
        try
        {
            CurrentGrammar();
        }
        catch (Exception exception)
        {
            Log.CompileFailed(logger, exception, model.Version);
        }
    });

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Speech grammar for model v{Version} compiled: {Entries} dictionary entries, {Unpronounceable} words left out")]
        public static partial void GrammarCompiled(ILogger logger, long version, int entries, int unpronounceable);

        [LoggerMessage(Level = LogLevel.Warning, Message = "No pronunciation for: {Words}; the samples and slot phrases using them cannot be spoken")]
        public static partial void Unpronounceable(ILogger logger, string words);

        [LoggerMessage(Level = LogLevel.Error, Message = "Speech grammar for model v{Version} failed to compile; the next utterance retries")]
        public static partial void CompileFailed(ILogger logger, Exception exception, long version);
    }
}
