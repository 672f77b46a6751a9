using SpeakerHub.NanoApiCheck;
using Xunit;

namespace SpeakerHub.UnitTests.NanoApiCheck;

public sealed class FirmwareSourcesTests
{
    [Fact]
    public void The_protocol_and_firmware_core_sources_use_only_what_nanoframework_1_17_has()
    {
        var files = FirmwareSourceFiles.Expand(FirmwareSourceFiles.DefaultTargets(NanoCheckSnippets.RepositoryRoot));

        var violations = NanoCheckSnippets.Checker.CheckFiles(files);

        Assert.NotEmpty(files);
        Assert.True(violations.Count == 0, $"{violations.Count} violations:\n{NanoCheckSnippets.Describe(violations)}");
    }
}
