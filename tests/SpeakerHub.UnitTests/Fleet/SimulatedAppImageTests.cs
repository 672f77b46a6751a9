using System.Text;
using SpeakerHub.Firmware.Host.Hardware.Flash;

namespace SpeakerHub.UnitTests.Fleet;

public sealed class SimulatedAppImageTests
{
    [Theory]
    [InlineData("1.4.2", false)]
    [InlineData("99999.0.12", true)]
    public void An_image_parses_back_to_its_version_and_health(string version, bool neverHealthy)
    {
        byte[] image = SimulatedAppImage.Create(version, 4_000, neverHealthy);

        SimulatedAppImage? parsed = SimulatedAppImage.Parse(image);

        Assert.Equal(4_000, image.Length);
        Assert.NotNull(parsed);
        Assert.Equal(version, parsed.Version);
        Assert.Equal(neverHealthy, parsed.NeverHealthy);
    }

    [Fact]
    public void The_header_is_the_documented_ascii_lines()
    {
        byte[] image = SimulatedAppImage.Create("2.0.1", 200, neverHealthy: true);

        Assert.StartsWith("SPEAKERHUB-SIMULATED-APP\nversion=2.0.1\nhealth=never\n\n", Encoding.Latin1.GetString(image), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_version_always_gives_the_same_bytes_and_another_version_other_bytes()
    {
        byte[] first = SimulatedAppImage.Create("1.0.0", 65_536, neverHealthy: false);
        byte[] again = SimulatedAppImage.Create("1.0.0", 65_536, neverHealthy: false);
        byte[] other = SimulatedAppImage.Create("1.0.1", 65_536, neverHealthy: false);

        Assert.Equal(first, again);
        Assert.NotEqual(first[^1_000..], other[^1_000..]);
    }

    [Fact]
    public void An_image_must_be_big_enough_for_its_header()
    {
        int header = SimulatedAppImage.HeaderLength("1.0.0", neverHealthy: false);

        Assert.Equal(header, SimulatedAppImage.Create("1.0.0", header, neverHealthy: false).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => SimulatedAppImage.Create("1.0.0", header - 1, neverHealthy: false));
        Assert.Throws<ArgumentException>(() => SimulatedAppImage.Create("1.0", 1_000, neverHealthy: false));
    }

    [Theory]
    [InlineData("")]
    [InlineData("SPEAKERHUB-SIMULATED-APP\n")]
    [InlineData("SPEAKERHUB-SIMULATED-APP\nversion=1.0.0\nhealth=ok\n")]
    [InlineData("SPEAKERHUB-SIMULATED-APP\nversion=1.0\nhealth=ok\n\nfiller")]
    [InlineData("SPEAKERHUB-SIMULATED-APP\nversion=1.0.0\nhealth=maybe\n\nfiller")]
    [InlineData("SPEAKERHUB-SIMULATED-APP\nhealth=ok\nversion=1.0.0\n\nfiller")]
    [InlineData("SHFW and then some bytes of a real bundle")]
    public void Bytes_that_are_not_a_simulated_image_parse_to_null(string text)
    {
        Assert.Null(SimulatedAppImage.Parse(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Random_bytes_and_an_empty_span_parse_to_null()
    {
        byte[] noise = new byte[4_096];
        new Random(7).NextBytes(noise);

        Assert.Null(SimulatedAppImage.Parse(noise));
        Assert.Null(SimulatedAppImage.Parse(default));
    }
}
