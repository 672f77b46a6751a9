using SpeakerHub.NanoApiCheck;
using Xunit;

namespace SpeakerHub.UnitTests.NanoApiCheck;

public sealed class GeneratedNanoReferenceTests
{
    [Fact]
    public void Every_row_of_every_listing_file_becomes_a_compiling_stub_and_none_is_skipped()
    {
        var nano = NanoCompileSnippets.References;

        Assert.True(nano.SkippedRows.Count == 0, "Skipped rows:\n" + string.Join("\n", nano.SkippedRows));
        Assert.Equal(19, nano.Assemblies.Count);
        Assert.True(nano.RowCount > 3000, $"only {nano.RowCount} rows read");
    }

    [Fact]
    public void The_generated_assemblies_expose_exactly_the_listed_apis_by_doc_comment_id()
    {
        var audit = NanoReferenceAssemblyAudit.Compare(NanoCompileSnippets.References, NanoCheckSnippets.ListingDirectory);

        Assert.True(audit.MissingFromAssemblies.Count == 0, "Listed but missing:\n" + string.Join("\n", audit.MissingFromAssemblies));
        Assert.True(audit.NotInListing.Count == 0, "Exposed but not listed:\n" + string.Join("\n", audit.NotInListing));
        Assert.Equal(NanoCompileSnippets.References.RowCount, audit.ExposedCount);
    }

    [Fact]
    public void Mscorlib_is_built_first_and_every_other_assembly_after_the_assemblies_it_references()
    {
        var assemblies = NanoCompileSnippets.References.Assemblies;
        var names = assemblies.Select(assembly => assembly.Name).ToList();

        Assert.Equal("mscorlib", names[0]);
        Assert.Empty(assemblies[0].Dependencies);
        foreach (var assembly in assemblies)
        {
            Assert.All(assembly.Dependencies, dependency => Assert.True(
                names.IndexOf(dependency) < names.IndexOf(assembly.Name), $"{assembly.Name} is built before {dependency}"));
        }

        // GPIO's PinValueChangedEventArgs derives from nanoFramework.Runtime.Events.BaseEvent.
        Assert.Contains("nanoFramework.Runtime.Events", assemblies.Single(a => a.Name == "System.Device.Gpio").Dependencies);
    }
}
