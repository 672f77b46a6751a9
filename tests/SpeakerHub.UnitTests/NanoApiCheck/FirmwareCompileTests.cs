using SpeakerHub.NanoApiCheck;
using Xunit;

namespace SpeakerHub.UnitTests.NanoApiCheck;

public sealed class FirmwareCompileTests
{
    [Fact]
    public void The_protocol_and_firmware_core_sources_compile_against_the_nano_references_with_zero_errors()
    {
        var projects = FirmwareProject.Defaults(NanoCheckSnippets.RepositoryRoot)
            .Where(project => project.Name is "SpeakerHub.Protocol" or "SpeakerHub.Firmware.Core")
            .ToList();

        var errors = NanoCompileSnippets.Checker.CompileProjects(projects);

        Assert.Equal(2, projects.Count);
        Assert.True(errors.Count == 0, $"{errors.Count} compile errors:\n{NanoCheckSnippets.Describe(errors)}");
    }

    [Fact]
    public void The_nano_app_compiles_against_the_nano_references_and_the_portable_projects_with_zero_errors()
    {
        var projects = FirmwareProject.Defaults(NanoCheckSnippets.RepositoryRoot);
        if (projects.All(project => project.Name != "SpeakerHub.Firmware"))
        {
            return; // The app is not in this tree yet; the portable projects are covered above.
        }

        var errors = NanoCompileSnippets.Checker.CompileProjects(projects);

        Assert.True(projects.Single(project => project.Name == "SpeakerHub.Firmware").IsApplication);
        Assert.True(errors.Count == 0, $"{errors.Count} compile errors:\n{NanoCheckSnippets.Describe(errors)}");
    }
}
