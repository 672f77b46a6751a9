using System.Runtime.InteropServices;

namespace SpeakerHub.Cloud.Speech.Recognition;

/// <summary>
/// The slice of Debian's pocketsphinx 5prealpha / sphinxbase C API the recognizer uses, bound by
/// versioned library name (only the -dev packages ship the unversioned links). This is the old
/// <c>cmd_ln_t</c> API: <c>cmd_ln_init</c> is variadic, so configurations are built with
/// <c>cmd_ln_parse_r</c> and the typed setters (a string setter on a numeric option corrupts memory).
/// Strings the decoder returns are its own and stay valid until its next call; copy them, never free
/// them — except <c>ps_lookup_word</c>, whose result is allocated for the caller (<c>ckd_free</c>).
/// </summary>
internal static partial class PocketSphinxNative
{
    public const string PocketSphinxLibrary = "libpocketsphinx.so.3";
    public const string SphinxBaseLibrary = "libsphinxbase.so.3";

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_args")]
    public static partial nint ps_args();

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_parse_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint cmd_ln_parse_r(nint inoutConfig, nint definitions, int argc, string[] argv, int strict);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_set_str_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void cmd_ln_set_str_r(nint config, string name, string? value);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_set_int_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void cmd_ln_set_int_r(nint config, string name, nint value);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_set_float_r", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void cmd_ln_set_float_r(nint config, string name, double value);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmd_ln_free_r")]
    public static partial int cmd_ln_free_r(nint config);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "err_set_logfp")]
    public static partial void err_set_logfp(nint stream);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "ckd_free")]
    public static partial void ckd_free(nint pointer);

    /// <summary>Creates a decoder; it keeps its own reference to <paramref name="config"/>.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_init")]
    public static partial nint ps_init(nint config);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_free")]
    public static partial int ps_free(nint decoder);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_lookup_word", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint ps_lookup_word(nint decoder, string word);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_add_word", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_add_word(nint decoder, string word, string phones, int update);

    /// <summary>Reads a grammar in FSG text format; the caller frees it (the decoder keeps its own reference).</summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "fsg_model_readfile", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint fsg_model_readfile(string path, nint logMath, float languageWeight);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "fsg_model_free")]
    public static partial int fsg_model_free(nint fsg);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_logmath")]
    public static partial nint ps_get_logmath(nint decoder);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_set_fsg", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_fsg(nint decoder, string name, nint fsg);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_set_search", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ps_set_search(nint decoder, string name);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_start_utt")]
    public static partial int ps_start_utt(nint decoder);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_process_raw")]
    public static unsafe partial int ps_process_raw(nint decoder, short* samples, nuint count, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_end_utt")]
    public static partial int ps_end_utt(nint decoder);

    /// <summary>The best path so far as space-separated words (fillers left out), or null; decoder-owned.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_hyp")]
    public static partial nint ps_get_hyp(nint decoder, out int bestScore);

    /// <summary>The decoder's feature computation (<c>feat_t</c>), whose cepstral mean normalization we seed.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_feat")]
    public static partial nint ps_get_feat(nint decoder);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmn_live_set")]
    public static unsafe partial void cmn_live_set(nint cmn, float* mean);

    /// <summary>Folds the frames seen since the last set or update into the mean (weighted by frame count).</summary>
    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmn_live_update")]
    public static partial void cmn_live_update(nint cmn);

    [LibraryImport(SphinxBaseLibrary, EntryPoint = "cmn_live_get")]
    public static unsafe partial void cmn_live_get(nint cmn, float* mean);

    /// <summary>Frames the utterance fed to the search; silence the voice activity detector dropped is not counted.</summary>
    [LibraryImport(PocketSphinxLibrary, EntryPoint = "ps_get_n_frames")]
    public static partial int ps_get_n_frames(nint decoder);
}
