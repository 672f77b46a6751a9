using SpeakerHub.NanoApiCheck;
using Xunit;

namespace SpeakerHub.UnitTests.NanoApiCheck;

public sealed class ListingLocationAndCommandTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "nano-api-check-" + Guid.NewGuid().ToString("N"));

    public ListingLocationAndCommandTests()
    {
        Directory.CreateDirectory(_scratch);
    }

    public void Dispose()
    {
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public void The_listing_is_found_in_a_parent_of_the_test_directory()
    {
        var directory = NanoApiListingLocator.Locate(null, AppContext.BaseDirectory);

        Assert.EndsWith(Path.Combine("shared", "nanoframework-api"), directory, StringComparison.Ordinal);
        Assert.True(NanoApiListing.Load(directory).Contains("P:System.String.Chars(System.Int32)"));
    }

    [Fact]
    public void A_missing_listing_fails_with_a_message_that_says_how_to_point_at_it()
    {
        var error = Assert.Throws<NanoApiListingNotFoundException>(() => NanoApiListingLocator.Locate(null, _scratch));

        Assert.Contains("nanoframework-api", error.Message, StringComparison.Ordinal);
        Assert.Contains("--api-dir", error.Message, StringComparison.Ordinal);
        Assert.Contains(NanoApiListingLocator.EnvironmentVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_api_dir_without_listing_files_is_rejected_with_its_path()
    {
        var error = Assert.Throws<NanoApiListingNotFoundException>(() => NanoApiListingLocator.Locate(_scratch, AppContext.BaseDirectory));

        Assert.Contains(_scratch, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_exits_with_2_and_explains_when_the_listing_is_missing()
    {
        var (exitCode, _, error) = Run("--api-dir", Path.Combine(_scratch, "nowhere"), _scratch);

        Assert.Equal(NanoApiCheckCommand.CouldNotRun, exitCode);
        Assert.Contains("does not exist or holds no *.api.tsv files", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_prints_each_violation_as_file_line_column_rule_message_and_exits_with_1()
    {
        var file = Path.Combine(_scratch, "Volume.cs");
        File.WriteAllText(file, "namespace Snippets\n{\n    public sealed class Volume\n    {\n        public string Csv(string[] parts) { return string.Join(\",\", parts); }\n    }\n}\n");

        var (exitCode, output, _) = Run("--api-dir", NanoCheckSnippets.ListingDirectory, file);

        Assert.Equal(NanoApiCheckCommand.ViolationsFound, exitCode);
        Assert.Matches(@"Volume\.cs\(5,59\): NANO100: M:System\.String\.Join\(System\.String,System\.String\[\]\) is not in nanoFramework 1\.17", output);
    }

    [Fact]
    public void The_command_exits_with_0_and_one_summary_line_for_clean_code()
    {
        var file = Path.Combine(_scratch, "Volume.cs");
        File.WriteAllText(file, "namespace Snippets\n{\n    public sealed class Volume\n    {\n        public int Level;\n    }\n}\n");

        var (exitCode, output, _) = Run("--api-dir", NanoCheckSnippets.ListingDirectory, _scratch);

        Assert.Equal(NanoApiCheckCommand.Clean, exitCode);
        Assert.StartsWith("No nanoFramework API violations; 1 files checked", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = NanoApiCheckCommand.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
