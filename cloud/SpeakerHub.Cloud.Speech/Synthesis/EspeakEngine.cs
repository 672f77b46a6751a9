using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpeakerHub.Cloud.Speech.Synthesis;

/// <summary>
/// espeak-ng is one global synthesizer per process, so one thread owns it for the life of the process:
/// it initialises the library, then runs queued texts one after another. espeak-ng is never terminated:
/// 1.51 does not survive a terminate/initialise cycle (after initialising again, the next
/// <c>espeak_Terminate</c> hangs, measured), and the thread is a background thread, so it does not hold
/// the process open.
/// </summary>
internal sealed unsafe class EspeakEngine
{
    private static readonly Lock Creation = new();
    private static EspeakEngine? shared;

    // Written by the engine thread only; the callback reads it on that same thread, since espeak-ng
    // in synchronous mode calls back from inside espeak_Synth.
    private static SynthesisJob? current;

    private readonly BlockingCollection<SynthesisJob> queue = [];
    private int sampleRate;
    private string dataPath = "";
    private string? selectedVoice;
    private Exception? unavailable;

    private EspeakEngine(int bufferMilliseconds)
    {
        BufferMilliseconds = bufferMilliseconds;
        new Thread(Run) { IsBackground = true, Name = "espeak-ng" }.Start();
    }

    /// <summary>The length of espeak-ng's buffers, fixed by whoever started the engine.</summary>
    public int BufferMilliseconds { get; }

    /// <summary>The process's engine, started on first use with <paramref name="bufferMilliseconds"/>.</summary>
    public static EspeakEngine Shared(int bufferMilliseconds)
    {
        lock (Creation)
        {
            return shared ??= new EspeakEngine(bufferMilliseconds);
        }
    }

    public void Enqueue(SynthesisJob job) => queue.Add(job);

    private void Run()
    {
        Initialize();
        foreach (var job in queue.GetConsumingEnumerable())
        {
            Execute(job);
        }
    }

    private void Initialize()
    {
        try
        {
            sampleRate = EspeakNative.espeak_Initialize(
                EspeakNative.AudioOutput.Synchronous, BufferMilliseconds, null, EspeakNative.InitializeDontExit);
            byte* path = null;
            EspeakNative.espeak_Info(&path);
            dataPath = Marshal.PtrToStringUTF8((nint)path) ?? "";
            if (sampleRate <= 0 || !Directory.Exists(Path.Combine(dataPath, "voices")))
            {
                throw new InvalidOperationException(
                    $"espeak-ng found no voice data at '{dataPath}' (Debian package espeak-ng-data).");
            }

            // A static method, not a delegate: there is nothing the garbage collector could take away
            // while espeak-ng holds the pointer.
            EspeakNative.espeak_SetSynthCallback(&OnSamples);
        }
        catch (Exception exception)
        {
            unavailable = exception;
        }
    }

    private void Execute(SynthesisJob job)
    {
        if (job.CancellationToken.IsCancellationRequested)
        {
            job.Fail(new OperationCanceledException(job.CancellationToken));
            return;
        }

        try
        {
            if (unavailable is not null)
            {
                throw new InvalidOperationException($"Speech synthesis is unavailable: {unavailable.Message}", unavailable);
            }

            SelectVoice(job.Voice);
            Set(EspeakNative.Parameter.Rate, job.Voice.RateWordsPerMinute);
            Set(EspeakNative.Parameter.Pitch, job.Voice.Pitch);
            Set(EspeakNative.Parameter.Volume, job.Volume);
            job.Begin(sampleRate);
            current = job;
            EspeakNative.Status status;
            fixed (byte* text = job.Text)
            {
                status = EspeakNative.espeak_Synth(
                    text, (nuint)job.Text.Length, 0, EspeakNative.PositionType.Character, 0, EspeakNative.CharactersUtf8, null, null);
            }

            current = null;
            job.End(status);
        }
        catch (Exception exception)
        {
            current = null;
            job.Fail(exception);
        }
    }

    private void SelectVoice(SynthesisVoice voice)
    {
        var name = voice.Name;
        if (name == selectedVoice)
        {
            return;
        }

        // espeak-ng silently speaks the plain language when a '+variant' file is missing.
        var variant = VariantFile(name);
        var status = variant is null || File.Exists(Path.Combine(dataPath, "voices", "!v", variant))
            ? EspeakNative.espeak_SetVoiceByName(name)
            : EspeakNative.Status.NotFound;
        if (status != EspeakNative.Status.Ok)
        {
            selectedVoice = null;
            throw new ArgumentException(
                $"espeak-ng has no voice '{name}'. Voices are language names from espeak-ng-data/lang such as 'en-us', 'en' "
                + "or 'en-gb-x-rp' ('en-gb' alone is not one), optionally with a variant from voices/!v such as '+m3' or '+f3'.",
                nameof(voice));
        }

        selectedVoice = name;
    }

    /// <summary>The file a '+variant' suffix names; espeak-ng reads '+3' as m3 and '+13' as f3.</summary>
    private static string? VariantFile(string name)
    {
        const int FemaleOffset = 10;
        var plus = name.IndexOf('+', StringComparison.Ordinal);
        if (plus < 0)
        {
            return null;
        }

        var variant = name[(plus + 1)..];
        return int.TryParse(variant, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number < FemaleOffset ? $"m{number}" : $"f{number - FemaleOffset}"
            : variant;
    }

    private static void Set(EspeakNative.Parameter parameter, int value)
    {
        var status = EspeakNative.espeak_SetParameter(parameter, value, 0);
        if (status != EspeakNative.Status.Ok)
        {
            throw new InvalidOperationException($"espeak-ng refused {parameter} = {value}: {status}.");
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnSamples(short* samples, int count, nint events)
    {
        // An exception must never unwind into espeak-ng; SynthesisJob.Accept catches its own.
        try
        {
            var job = current;
            if (job is null)
            {
                return EspeakNative.Abort;
            }

            // A null buffer marks the end of the text; an empty one is allowed mid-text.
            return samples == null || count <= 0 ? EspeakNative.Continue : job.Accept(new ReadOnlySpan<short>(samples, count));
        }
        catch (Exception)
        {
            return EspeakNative.Abort;
        }
    }
}
