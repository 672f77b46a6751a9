namespace SpeakerHub.Cloud.Speech.Grammar;

/// <summary>
/// A set of token sequences as the smallest acyclic automaton that accepts exactly them: a trie whose
/// equal subtrees are merged, so sequences share their common openings and endings. Slot phrases like
/// "forty five minutes", "forty minutes" and "five minutes" then cost a few dozen word arcs instead of
/// a copy of every word of every phrase, which keeps the decoder's search graph small.
/// </summary>
internal sealed class WordGraph
{
    private readonly Node root = new();

    public bool IsEmpty => root.Arcs.Count == 0 && !root.Accepts;

    /// <summary>Adds one sequence.</summary>
    public void Add(IEnumerable<string> tokens)
    {
        var node = root;
        foreach (var token in tokens)
        {
            if (!node.Arcs.TryGetValue(token, out var next))
            {
                next = new Node();
                node.Arcs.Add(token, next);
            }

            node = next;
        }

        node.Accepts = true;
    }

    /// <summary>
    /// The minimized automaton: node 0 is the start, each node lists its arcs and whether a sequence may
    /// end there, and every arc leads to a higher-numbered node.
    /// </summary>
    public IReadOnlyList<GraphNode> Minimize()
    {
        var start = Canonical(root, new Dictionary<string, Node>(StringComparer.Ordinal), new Dictionary<Node, Node>(ReferenceEqualityComparer.Instance));

        // Reversed post-order of a DAG is a topological order.
        var order = new List<Node>();
        Visit(start, new HashSet<Node>(ReferenceEqualityComparer.Instance), order);
        order.Reverse();
        var ids = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        foreach (var node in order)
        {
            ids[node] = ids.Count;
        }

        return order.Select(node => new GraphNode(
            node.Arcs.Select(arc => new GraphArc(arc.Key, ids[arc.Value])).ToList(), node.Accepts)).ToList();
    }

    /// <summary>Merges <paramref name="node"/> with an equal node already seen: same ending, same arcs to the same nodes.</summary>
    private static Node Canonical(Node node, Dictionary<string, Node> bySignature, Dictionary<Node, Node> done)
    {
        if (done.TryGetValue(node, out var known))
        {
            return known;
        }

        foreach (var (token, child) in node.Arcs.ToList())
        {
            node.Arcs[token] = Canonical(child, bySignature, done);
        }

        var signature = (node.Accepts ? "1" : "0") + string.Concat(node.Arcs
            .OrderBy(arc => arc.Key, StringComparer.Ordinal)
            .Select(arc => $"\u0001{arc.Key}\u0002{arc.Value.Id}"));
        if (!bySignature.TryGetValue(signature, out var representative))
        {
            representative = node;
            representative.Id = bySignature.Count;
            bySignature.Add(signature, representative);
        }

        done[node] = representative;
        return representative;
    }

    private static void Visit(Node node, HashSet<Node> seen, List<Node> post)
    {
        if (!seen.Add(node))
        {
            return;
        }

        foreach (var child in node.Arcs.Values)
        {
            Visit(child, seen, post);
        }

        post.Add(node);
    }

    private sealed class Node
    {
        public Dictionary<string, Node> Arcs { get; } = new(StringComparer.Ordinal);

        public bool Accepts { get; set; }

        public int Id { get; set; } = -1;
    }
}

internal sealed record GraphArc(string Token, int Target);

internal sealed record GraphNode(IReadOnlyList<GraphArc> Arcs, bool Accepts);
