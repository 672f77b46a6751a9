using System.Globalization;
using System.Text;

namespace SpeakerHub.Cloud.Speech.Grammar;

/// <summary>
/// Writes a finite-state grammar in sphinxbase's FSG text format (states, a start and a final state,
/// word and empty transitions with probabilities), the form pocketsphinx searches directly.
/// </summary>
internal sealed class FsgBuilder
{
    private readonly StringBuilder transitions = new();
    private int states;
    private int count;

    public int Transitions => count;

    public int NewState() => states++;

    public void Word(int from, int to, string word, double probability = 1.0) =>
        Add(from, to, probability, word);

    public void Empty(int from, int to) => Add(from, to, 1.0, null);

    /// <summary>Lays <paramref name="graph"/> between <paramref name="from"/> and <paramref name="to"/>; <paramref name="arc"/> lays each of its arcs.</summary>
    /// <param name="exit">Where every state of the graph may also leave to (the garbage loop), or null.</param>
    public void Graph(IReadOnlyList<GraphNode> graph, int from, int to, Action<string, int, int> arc, int? exit = null)
    {
        var map = new int[graph.Count];
        for (var i = 0; i < graph.Count; i++)
        {
            map[i] = NewState();
            if (exit is { } state)
            {
                Empty(map[i], state);
            }
        }

        Empty(from, map[0]);

        for (var i = 0; i < graph.Count; i++)
        {
            foreach (var each in graph[i].Arcs)
            {
                arc(each.Token, map[i], map[each.Target]);
            }

            if (graph[i].Accepts)
            {
                Empty(map[i], to);
            }
        }
    }

    public string Write(string name, int start, int final) =>
        new StringBuilder()
            .Append("FSG_BEGIN ").Append(name).Append('\n')
            .Append("NUM_STATES ").Append(states.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("START_STATE ").Append(start.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("FINAL_STATE ").Append(final.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(transitions)
            .Append("FSG_END\n")
            .ToString();

    private void Add(int from, int to, double probability, string? word)
    {
        count++;
        transitions.Append("TRANSITION ")
            .Append(from.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(to.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(probability.ToString("R", CultureInfo.InvariantCulture));
        if (word is not null)
        {
            transitions.Append(' ').Append(word);
        }

        transitions.Append('\n');
    }
}
