using Microsoft.CodeAnalysis;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Decides whether a type, member or namespace the sources use exists in nanoFramework 1.17, and
/// reports it when not. Anything declared in the sources themselves is always available.
/// </summary>
internal sealed class ApiAvailabilityCheck
{
    private const string NotInNano = " is not in nanoFramework 1.17";

    private readonly NanoApiListing _listing;
    private readonly Compilation _compilation;
    private readonly ViolationReport _report;
    private readonly HashSet<string> _sourceNamespaces = new(StringComparer.Ordinal);

    public ApiAvailabilityCheck(NanoApiListing listing, Compilation compilation, ViolationReport report)
    {
        _listing = listing;
        _compilation = compilation;
        _report = report;
        CollectNamespaces(compilation.SourceModule.GlobalNamespace);
    }

    public INamedTypeSymbol ObjectType => _compilation.GetSpecialType(SpecialType.System_Object);

    public bool IsDeclaredInSources(ISymbol symbol) =>
        SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _compilation.Assembly);

    /// <summary>Checks a type and its type arguments; returns false when something was reported.</summary>
    public bool RequireType(ITypeSymbol? type, Location location) => type switch
    {
        IArrayTypeSymbol array => RequireType(array.ElementType, location),
        IPointerTypeSymbol pointer => RequireType(pointer.PointedAtType, location),
        INamedTypeSymbol named => RequireNamedType(named, location),
        // Type parameters, dynamic and error types are other rules' business.
        _ => true,
    };

    /// <param name="member">A method, property, field or event, as bound by the compiler.</param>
    /// <param name="location">Where the source uses it.</param>
    /// <param name="receiverType">The type the member was reached through, when there is one.</param>
    /// <param name="purpose">For members the compiler calls implicitly: the construct that needs it.</param>
    /// <param name="omittedOptionalParameters">
    /// How many trailing optional parameters the call left to their defaults. .NET often adds an optional
    /// parameter to an overload nano has without it (TimeSpan.FromMilliseconds(long, long = 0)); the same
    /// call then binds to nano's shorter overload, whose parameter types are the same.
    /// </param>
    public void RequireMember(
        ISymbol? member,
        Location location,
        ITypeSymbol? receiverType = null,
        string? purpose = null,
        int omittedOptionalParameters = 0)
    {
        member = Canonical(member);
        if (member is not null
            && RequireType(member.ContainingType, location)
            && MissingId(member, receiverType) is { } id
            && (omittedOptionalParameters == 0
                || !_listing.Contains(ListingDocumentationId.WithoutTrailingParameters(id, omittedOptionalParameters))))
        {
            ReportMissing(location, id, purpose);
        }
    }

    /// <summary>For a method group (as in nameof), where one listed overload is enough.</summary>
    public void RequireAnyMember(IReadOnlyList<ISymbol> candidates, Location location, ITypeSymbol? receiverType)
    {
        string? firstMissing = null;
        foreach (var candidate in candidates.Select(Canonical))
        {
            if (candidate is null || !RequireType(candidate.ContainingType, location))
            {
                return;
            }

            var missing = MissingId(candidate, receiverType);
            if (missing is null)
            {
                return;
            }

            firstMissing ??= missing;
        }

        if (firstMissing is not null)
        {
            ReportMissing(location, firstMissing, purpose: null);
        }
    }

    /// <summary>For members the compiler needs by doc ID only (lowering), e.g. Monitor.Enter for lock.</summary>
    public void RequireDocId(string docId, Location location, string purpose)
    {
        if (!_listing.Contains(docId))
        {
            ReportMissing(location, docId, purpose);
        }
    }

    public void RequireNamespace(INamespaceSymbol ns, Location location)
    {
        if (ns.IsGlobalNamespace)
        {
            return;
        }

        var name = ns.ToDisplayString();
        if (!_listing.ContainsNamespace(name) && !_sourceNamespaces.Contains(name))
        {
            _report.AddMissingApi(location, "N:" + name, $"namespace {name}{NotInNano}");
        }
    }

    private void ReportMissing(Location location, string id, string? purpose)
    {
        var message = id + NotInNano;
        if (purpose is not null)
        {
            message += $" (needed by {purpose})";
        }

        var overloads = _listing.OverloadsOf(id);
        if (overloads.Count > 0)
        {
            message += "; it has " + string.Join(", ", overloads);
        }

        _report.AddMissingApi(location, id, message);
    }

    // The member's listing ID when nano lacks it, or null when it is available (or declared in the sources).
    private string? MissingId(ISymbol member, ITypeSymbol? receiverType)
    {
        // The listing implies a delegate's constructor and Invoke/BeginInvoke/EndInvoke.
        if (IsDeclaredInSources(member) || (member.ContainingType.TypeKind == TypeKind.Delegate && member is IMethodSymbol))
        {
            return null;
        }

        var id = ListingDocumentationId.ForMember(member);
        return id is null || IsListed(member, id, receiverType) ? null : id;
    }

    private bool RequireNamedType(INamedTypeSymbol type, Location location)
    {
        if (type.IsAnonymousType || type.TypeKind == TypeKind.Error)
        {
            return true;
        }

        var available = true;
        foreach (var argument in type.TypeArguments)
        {
            available &= RequireType(argument, location);
        }

        if (IsDeclaredInSources(type))
        {
            return available;
        }

        var id = ListingDocumentationId.ForType(type);
        if (_listing.Contains(id))
        {
            return available;
        }

        _report.AddMissingApi(location, id, id + NotInNano);
        return false;
    }

    private bool IsListed(ISymbol member, string id, ITypeSymbol? receiverType)
    {
        if (_listing.Contains(id))
        {
            return true;
        }

        // A field on one side may be a property on the other (BitConverter.IsLittleEndian is a field on
        // .NET, a property on nano); reading it is written the same way.
        if (member is IFieldSymbol or IPropertySymbol { IsIndexer: false }
            && _listing.Contains((member is IFieldSymbol ? "P" : "F") + id[1..]))
        {
            return true;
        }

        // .NET may override a member that nano only declares further up; the call binds there on nano.
        for (var overridden = Overridden(member); overridden is not null; overridden = Overridden(overridden))
        {
            if (ListingDocumentationId.ForMember(overridden) is { } overriddenId && _listing.Contains(overriddenId))
            {
                return true;
            }
        }

        // .NET may declare on a base class what nano declares on the receiver's own class.
        var receiver = receiverType is IArrayTypeSymbol ? null : receiverType as INamedTypeSymbol;
        for (var type = receiver; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, member.ContainingType))
            {
                break;
            }

            if (_listing.Contains(ListingDocumentationId.Redeclare(id, member.ContainingType, type.OriginalDefinition)))
            {
                return true;
            }
        }

        return false;
    }

    private static ISymbol? Overridden(ISymbol member) => member switch
    {
        IMethodSymbol method => method.OverriddenMethod?.OriginalDefinition,
        IPropertySymbol property => property.OverriddenProperty?.OriginalDefinition,
        IEventSymbol @event => @event.OverriddenEvent?.OriginalDefinition,
        _ => null,
    };

    private static ISymbol? Canonical(ISymbol? symbol) => symbol switch
    {
        IAliasSymbol alias => Canonical(alias.Target),
        IMethodSymbol { ReducedFrom: { } extension } => extension.OriginalDefinition,
        IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction } => null,
        IMethodSymbol { AssociatedSymbol: { } owner } => owner.OriginalDefinition,
        IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol => symbol.OriginalDefinition,
        _ => null,
    };

    private void CollectNamespaces(INamespaceSymbol ns)
    {
        foreach (var child in ns.GetNamespaceMembers())
        {
            _sourceNamespaces.Add(child.ToDisplayString());
            CollectNamespaces(child);
        }
    }
}
