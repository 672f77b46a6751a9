using SpeakerHub.NanoApiCheck;
using Xunit;

namespace SpeakerHub.UnitTests.NanoApiCheck;

public sealed class CompileCommandTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "nano-compile-check-" + Guid.NewGuid().ToString("N"));

    public CompileCommandTests()
    {
        Directory.CreateDirectory(_scratch);
    }

    public void Dispose()
    {
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public void The_compile_mode_prints_each_error_as_file_line_column_code_message_and_exits_with_1()
    {
        var file = Path.Combine(_scratch, "Frames.cs");
        File.WriteAllText(file, "namespace Snippets\n{\n    public sealed class Frames\n    {\n        private System.Collections.Generic.List<int> _sizes;\n    }\n}\n");

        var (exitCode, output) = Run("--compile", "--api-dir", NanoCheckSnippets.ListingDirectory, file);

        Assert.Equal(NanoApiCheckCommand.ViolationsFound, exitCode);
        Assert.Matches(@"Frames\.cs\(5,36\): CS0234: The type or namespace name 'Generic' does not exist in the namespace 'System\.Collections'", output);
        Assert.DoesNotContain("NANO", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_run_does_both_checks_and_reports_clean_code_in_one_summary_line()
    {
        var file = Path.Combine(_scratch, "Volume.cs");
        File.WriteAllText(file, "namespace Snippets\n{\n    public sealed class Volume\n    {\n        public System.Collections.ArrayList Levels = new System.Collections.ArrayList();\n    }\n}\n");

        var (exitCode, output) = Run("--api-dir", NanoCheckSnippets.ListingDirectory, file);

        Assert.Equal(NanoApiCheckCommand.Clean, exitCode);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("1 files checked against", output, StringComparison.Ordinal);
        Assert.Contains("compiled against 19 nanoFramework reference assemblies", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = NanoApiCheckCommand.Run(args, output, error);
        return (exitCode, output.ToString());
    }
}
