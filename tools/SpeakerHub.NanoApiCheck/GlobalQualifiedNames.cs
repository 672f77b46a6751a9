using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SpeakerHub.NanoApiCheck;

/// <summary>
/// Prefixes every namespace-qualified name in the stubs with <c>global::</c>. The listing writes
/// names as seen from the global namespace, but inside <c>namespace nanoFramework.System.IO</c> the
/// name <c>System.IO.Stream</c> would bind to <c>nanoFramework.System</c> and fail.
/// </summary>
internal sealed class GlobalQualifiedNames : CSharpSyntaxRewriter
{
    public static SyntaxNode Apply(SyntaxNode root) => new GlobalQualifiedNames().Visit(root);

    // A namespace's own name is a declaration, not a reference.
    public override SyntaxNode? VisitNamespaceDeclaration(NamespaceDeclarationSyntax node) =>
        node.WithMembers(VisitList(node.Members));

    public override SyntaxNode? VisitQualifiedName(QualifiedNameSyntax node)
    {
        var visited = (QualifiedNameSyntax)base.VisitQualifiedName(node)!;
        if (node.Parent is QualifiedNameSyntax)
        {
            return visited;
        }

        NameSyntax leftmost = visited;
        while (leftmost is QualifiedNameSyntax qualified)
        {
            leftmost = qualified.Left;
        }

        if (leftmost is not IdentifierNameSyntax identifier)
        {
            return visited;
        }

        var global = SyntaxFactory.AliasQualifiedName(
            SyntaxFactory.IdentifierName(SyntaxFactory.Token(SyntaxKind.GlobalKeyword)),
            identifier.WithoutTrivia())
            .WithTriviaFrom(identifier);
        return visited.ReplaceNode(identifier, global);
    }
}
