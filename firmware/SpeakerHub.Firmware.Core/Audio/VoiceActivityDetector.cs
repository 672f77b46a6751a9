namespace SpeakerHub.Firmware.Core.Audio
{
    /// <summary>
    /// Energy voice activity detection with an adaptive noise floor (docs/firmware.md §Voice activity).
    /// Each 20 ms frame's level is its mean absolute deviation from the frame's own mean (so a DC offset
    /// from the microphone is not mistaken for sound). Outside speech the floor follows the level, down
    /// fast and up slowly; a run of frames louder than the floor by the margin is an onset; inside speech
    /// a run of quiet frames as long as the hangover ends the segment. Integer arithmetic only, nothing
    /// allocated after construction.
    /// </summary>
    public sealed class VoiceActivityDetector
    {
        /// <summary>The floor keeps 4 fractional bits so slow tracking still moves at low levels.</summary>
        private const int FloorFractionBits = 4;
        private const int Percent = 100;

        /// <summary>Until the owner sets one: 4× (12 dB) is a middle-of-the-road margin.</summary>
        private const int DefaultMarginPercent = 4 * Percent;

        /// <summary>A 1/65536 step per frame is already a time constant of 20 minutes.</summary>
        private const int MaxShift = 16;

        private readonly int _onsetFrames;
        private readonly int _hangoverFrames;
        private readonly int _minimumLevel;
        private readonly int _riseShift;
        private readonly int _fallShift;
        private readonly int _riseInSpeechShift;
        private int _onsetPercent;
        private int _releasePercent;
        private int _floorScaled;
        private bool _floorKnown;
        private bool _inSpeech;
        private int _loudRun;
        private int _quietRun;

        /// <param name="onsetFrames">Consecutive loud frames that make an onset.</param>
        /// <param name="hangoverFrames">Consecutive quiet frames that end a segment.</param>
        /// <param name="minimumLevel">Lowest floor: digital silence must not make any hiss speech.</param>
        /// <param name="floorRiseFrames">Time constant, in frames, of the floor rising to louder noise.</param>
        /// <param name="floorFallFrames">Time constant of the floor falling to quieter noise.</param>
        /// <param name="floorRiseInSpeechFrames">Time constant of the floor rising during speech.</param>
        public VoiceActivityDetector(
            int onsetFrames, int hangoverFrames, int minimumLevel, int floorRiseFrames, int floorFallFrames, int floorRiseInSpeechFrames)
        {
            if (onsetFrames < 1 || hangoverFrames < 1 || minimumLevel < 1)
            {
                throw new System.ArgumentOutOfRangeException("onsetFrames");
            }

            _onsetFrames = onsetFrames;
            _hangoverFrames = hangoverFrames;
            _minimumLevel = minimumLevel;
            _riseShift = ShiftFor(floorRiseFrames);
            _fallShift = ShiftFor(floorFallFrames);
            _riseInSpeechShift = ShiftFor(floorRiseInSpeechFrames);
            SetMargin(DefaultMarginPercent);
        }

        /// <summary>The noise floor, in the same unit as <see cref="Level"/>.</summary>
        public int NoiseFloor
        {
            get { return _floorScaled >> FloorFractionBits; }
        }

        /// <summary>The last frame's level: mean absolute deviation, 0..32767.</summary>
        public int Level { get; private set; }

        public bool InSpeech
        {
            get { return _inSpeech; }
        }

        /// <summary>
        /// How far above the floor a frame must be to count as speech, in percent of the floor (400 = 4×).
        /// Inside speech the threshold is halfway between the floor and that: softer syllables in the
        /// middle of a sentence must not start the hangover count.
        /// </summary>
        public void SetMargin(int onsetPercent)
        {
            if (onsetPercent <= Percent)
            {
                onsetPercent = Percent + 1;
            }

            _onsetPercent = onsetPercent;
            _releasePercent = (onsetPercent + Percent) / 2;
        }

        /// <summary>Forgets the current segment (a new trigger starts from silence); keeps the floor.</summary>
        public void ResetSegment()
        {
            _inSpeech = false;
            _loudRun = 0;
            _quietRun = 0;
        }

        /// <summary>Classifies <paramref name="count"/> samples at <paramref name="offset"/> as one frame.</summary>
        public VoiceActivity Process(short[] samples, int offset, int count)
        {
            int level = LevelOf(samples, offset, count);
            Level = level;
            if (!_floorKnown)
            {
                _floorKnown = true;
                _floorScaled = (level > _minimumLevel ? level : _minimumLevel) << FloorFractionBits;
            }

            int floor = NoiseFloor;
            if (!_inSpeech)
            {
                if (level * Percent > floor * _onsetPercent)
                {
                    // A candidate onset must not drag the floor up after it, or a slow-starting word
                    // would raise the bar it has to clear.
                    Track(level, _riseInSpeechShift);
                    _loudRun++;
                    if (_loudRun < _onsetFrames)
                    {
                        return VoiceActivity.Silence;
                    }

                    _inSpeech = true;
                    _loudRun = 0;
                    _quietRun = 0;
                    return VoiceActivity.Onset;
                }

                _loudRun = 0;
                Track(level, level < floor ? _fallShift : _riseShift);
                return VoiceActivity.Silence;
            }

            // Still tracking inside speech, slowly: a noise that starts and stays (a fan, a tap) is
            // absorbed into the floor within seconds instead of holding the segment open for ever.
            Track(level, level < floor ? _fallShift : _riseInSpeechShift);
            if (level * Percent > floor * _releasePercent)
            {
                _quietRun = 0;
                return VoiceActivity.Speech;
            }

            _quietRun++;
            if (_quietRun < _hangoverFrames)
            {
                return VoiceActivity.Speech;
            }

            _inSpeech = false;
            _quietRun = 0;
            return VoiceActivity.End;
        }

        private void Track(int level, int shift)
        {
            _floorScaled += ((level << FloorFractionBits) - _floorScaled) >> shift;
            int minimum = _minimumLevel << FloorFractionBits;
            if (_floorScaled < minimum)
            {
                _floorScaled = minimum;
            }
        }

        /// <summary>Mean absolute deviation from the frame mean.</summary>
        private static int LevelOf(short[] samples, int offset, int count)
        {
            if (count <= 0)
            {
                return 0;
            }

            int end = offset + count;
            int sum = 0;
            for (int i = offset; i < end; i++)
            {
                sum += samples[i];
            }

            int mean = sum / count;
            int deviation = 0;
            for (int i = offset; i < end; i++)
            {
                int d = samples[i] - mean;
                deviation += d < 0 ? -d : d;
            }

            return deviation / count;
        }

        /// <summary>The shift whose 1/2^shift step per frame gives at least a time constant of <paramref name="frames"/>.</summary>
        private static int ShiftFor(int frames)
        {
            int shift = 0;
            while (shift < MaxShift && (1 << shift) < frames)
            {
                shift++;
            }

            return shift;
        }
    }
}
