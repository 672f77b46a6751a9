using System.Runtime.InteropServices;

namespace SpeakerHub.Cloud.Speech.Synthesis;

/// <summary>
/// The part of espeak-ng's <c>speak_lib.h</c> (API revision 12, espeak-ng 1.51) that synthesis uses.
/// Every function here touches the library's single global synthesizer: call them only from the
/// thread of <see cref="EspeakEngine"/>.
/// </summary>
internal static unsafe partial class EspeakNative
{
    // Debian ships the unversioned name only in the -dev package.
    private const string Library = "libespeak-ng.so.1";

    /// <summary><c>espeak_AUDIO_OUTPUT</c>.</summary>
    public enum AudioOutput
    {
        Playback = 0,
        Retrieval = 1,

        /// <summary>Like retrieval, but <see cref="espeak_Synth"/> returns only when the text is spoken.</summary>
        Synchronous = 2,
        SynchronousPlayback = 3,
    }

    /// <summary><c>espeak_ERROR</c>.</summary>
    public enum Status
    {
        InternalError = -1,
        Ok = 0,
        BufferFull = 1,
        NotFound = 2,
    }

    /// <summary><c>espeak_PARAMETER</c> (the ones set here).</summary>
    public enum Parameter
    {
        Rate = 1,
        Volume = 2,
        Pitch = 3,
    }

    /// <summary><c>espeak_POSITION_TYPE</c>.</summary>
    public enum PositionType
    {
        Character = 1,
        Word = 2,
        Sentence = 3,
    }

    /// <summary><c>espeakINITIALIZE_DONT_EXIT</c>: report missing voice data instead of calling exit().</summary>
    public const int InitializeDontExit = 0x8000;

    /// <summary>
    /// <c>espeakCHARS_UTF8</c>. Deliberately without <c>espeakSSML</c> and <c>espeakPHONEMES</c>, so angle
    /// brackets and <c>[[ ]]</c> are read as text, and without <c>espeakENDPAUSE</c>, so no pause is added
    /// after the last word.
    /// </summary>
    public const uint CharactersUtf8 = 1;

    /// <summary>What the synthesis callback returns to go on (0) or to abort the current text (1).</summary>
    public const int Continue = 0;
    public const int Abort = 1;

    /// <summary>Returns the output sample rate in Hz, or -1 (<c>EE_INTERNAL_ERROR</c>).</summary>
    [LibraryImport(Library)]
    public static partial int espeak_Initialize(AudioOutput output, int bufferMilliseconds, byte* dataPath, int options);

    /// <summary>
    /// The callback receives each buffer of samples (<c>short* wav, int numsamples, espeak_EVENT* events</c>)
    /// and answers <see cref="Continue"/> or <see cref="Abort"/>. wav is null at the end of a text.
    /// </summary>
    [LibraryImport(Library)]
    public static partial void espeak_SetSynthCallback(delegate* unmanaged[Cdecl]<short*, int, nint, int> callback);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial Status espeak_SetVoiceByName(string name);

    /// <summary>relative = 0 sets the absolute value.</summary>
    [LibraryImport(Library)]
    public static partial Status espeak_SetParameter(Parameter parameter, int value, int relative);

    /// <summary>text: zero-terminated; size is ignored in synchronous mode.</summary>
    [LibraryImport(Library)]
    public static partial Status espeak_Synth(
        byte* text,
        nuint size,
        uint position,
        PositionType positionType,
        uint endPosition,
        uint flags,
        uint* uniqueIdentifier,
        void* userData);

    /// <summary>Returns the version; <paramref name="dataPath"/> receives the espeak-ng-data directory. Both library-owned.</summary>
    [LibraryImport(Library)]
    public static partial byte* espeak_Info(byte** dataPath);
}
