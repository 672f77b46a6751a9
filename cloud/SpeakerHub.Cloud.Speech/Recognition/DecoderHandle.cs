using Microsoft.Win32.SafeHandles;

namespace SpeakerHub.Cloud.Speech.Recognition;

/// <summary>Owns one <c>ps_decoder_t</c>; freed exactly once even if its owner is never disposed.</summary>
internal sealed class DecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DecoderHandle()
        : base(ownsHandle: true)
    {
    }

    public DecoderHandle(nint decoder)
        : base(ownsHandle: true)
    {
        SetHandle(decoder);
    }

    protected override bool ReleaseHandle() => PocketSphinxNative.ps_free(handle) >= 0;
}

/// <summary>Owns one <c>cmd_ln_t</c>; the decoder made from it keeps its own reference.</summary>
internal sealed class DecoderConfigHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DecoderConfigHandle()
        : base(ownsHandle: true)
    {
    }

    public DecoderConfigHandle(nint config)
        : base(ownsHandle: true)
    {
        SetHandle(config);
    }

    protected override bool ReleaseHandle() => PocketSphinxNative.cmd_ln_free_r(handle) >= 0;
}
