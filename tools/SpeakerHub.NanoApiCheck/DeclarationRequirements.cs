using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// What declarations need from the framework without any expression saying so: the base class's
/// parameterless constructor for constructors with no initializer (and for the implicit default
/// constructor), the members that overrides override, and Delegate.Combine/Remove behind the add and
/// remove accessors of field-like events.
/// </summary>
internal sealed class DeclarationRequirements
{
    private readonly SemanticModel _model;
    private readonly ApiAvailabilityCheck _api;

    public DeclarationRequirements(SemanticModel model, ApiAvailabilityCheck api)
    {
        _model = model;
        _api = api;
    }

    public void Check(SyntaxNode root)
    {
        foreach (var declaration in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
        {
            if (_model.GetDeclaredSymbol(declaration) is not INamedTypeSymbol type)
            {
                continue;
            }

            RequireBaseConstructors(type, declaration);
            foreach (var member in type.GetMembers())
            {
                RequireOverridden(member);
                RequireEventAccessorHelpers(member);
            }
        }
    }

    private void RequireBaseConstructors(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
    {
        if (type is not { TypeKind: TypeKind.Class, IsStatic: false, BaseType: { } baseType } || _api.IsDeclaredInSources(baseType))
        {
            return;
        }

        var parameterless = baseType.InstanceConstructors
            .Where(ctor => ctor.Parameters.All(p => p.IsOptional || p.IsParams))
            .OrderBy(ctor => ctor.Parameters.Length)
            .FirstOrDefault();
        foreach (var constructor in type.InstanceConstructors)
        {
            Location? location = constructor.IsImplicitlyDeclared
                ? declaration.Identifier.GetLocation()
                : constructor.DeclaringSyntaxReferences
                    .Select(reference => reference.GetSyntax())
                    .OfType<ConstructorDeclarationSyntax>()
                    .Where(syntax => syntax.Initializer is null)
                    .Select(syntax => syntax.Identifier.GetLocation())
                    .FirstOrDefault();
            if (location is not null && parameterless is not null)
            {
                _api.RequireMember(parameterless, location, purpose: "the implicit base() constructor call");
            }
        }
    }

    private void RequireOverridden(ISymbol member)
    {
        if (!member.IsOverride || member.IsImplicitlyDeclared)
        {
            return;
        }

        ISymbol? overridden = member switch
        {
            IMethodSymbol method => method.OverriddenMethod,
            IPropertySymbol property => property.OverriddenProperty,
            IEventSymbol @event => @event.OverriddenEvent,
            _ => null,
        };
        if (overridden is not null && member.Locations.FirstOrDefault() is { } location)
        {
            _api.RequireMember(overridden, location, purpose: "an override");
        }
    }

    private void RequireEventAccessorHelpers(ISymbol member)
    {
        if (member is not IEventSymbol @event || member.Locations.FirstOrDefault() is not { } location)
        {
            return;
        }

        var isFieldLike = @event.DeclaringSyntaxReferences
            .Any(reference => reference.GetSyntax() is VariableDeclaratorSyntax { Parent.Parent: EventFieldDeclarationSyntax });
        if (isFieldLike)
        {
            _api.RequireDocId("M:System.Delegate.Combine(System.Delegate,System.Delegate)", location, "a field-like event");
            _api.RequireDocId("M:System.Delegate.Remove(System.Delegate,System.Delegate)", location, "a field-like event");
        }
    }
}
