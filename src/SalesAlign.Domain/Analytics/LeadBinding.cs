using System.Collections.Concurrent;
using System.Text;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Domain.Analytics;

/// <summary>
/// Binds stored leads to a playbook for analysis. Stored leads were valid under the version in force when they
/// arrived, but a draft may drop a field or an event type, or change a field's type: for analysis a value the
/// playbook cannot read is left out (it is unknown to that playbook) rather than losing the whole lead.
/// </summary>
public static class LeadBinding
{
    /// <summary>Binds every lead, in parallel; a lead that cannot be bound even leniently is null.</summary>
    public static BoundLead?[] BindAll(CompiledPlaybook playbook, IReadOnlyList<LeadData> leads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(leads);
        var bound = new BoundLead?[leads.Count];
        if (bound.Length == 0)
            return bound;
        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.ForEach(Partitioner.Create(0, leads.Count, Math.Max(256, leads.Count / (Environment.ProcessorCount * 8) + 1)), options, range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
                bound[i] = BindLeniently(playbook, leads[i]);
        });
        return bound;
    }

    /// <summary>
    /// Copies bound leads, in order, from one thread, so each lead's parts and the next lead lie next to each other in
    /// memory. Leads bound in parallel are scattered among the garbage binding leaves behind; scoring millions of them
    /// is then bound by memory latency, not by the engine (decision 0021).
    /// </summary>
    public static BoundLead?[] Compact(BoundLead?[] leads)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var compact = new BoundLead?[leads.Length];
        for (var i = 0; i < leads.Length; i++)
        {
            if (leads[i] is not { } lead)
                continue;
            var slots = new FieldSlot[lead.Slots.Length];
            for (var s = 0; s < slots.Length; s++)
            {
                slots[s] = lead.Slots[s];
                if (slots[s].Text is { } text)
                    slots[s].Text = new string(text.AsSpan());
            }
            compact[i] = new BoundLead(slots, (int[])lead.EventOffsets.Clone(), (long[])lead.EventTicks.Clone());
        }
        return compact;
    }

    public static BoundLead? BindLeniently(CompiledPlaybook playbook, LeadData lead)
    {
        var result = playbook.Bind(lead);
        if (result.Lead is not null)
            return result.Lead;

        var fields = new Dictionary<string, System.Text.Json.JsonElement>(lead.Fields, StringComparer.Ordinal);
        var dropEvents = new HashSet<int>();
        foreach (var problem in result.Problems)
        {
            var parts = problem.Path.Split('/');
            if (parts.Length >= 3 && parts[1] == "fields")
                fields.Remove(parts[2].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            else if (parts.Length >= 3 && parts[1] == "events" && int.TryParse(parts[2], out var index))
                dropEvents.Add(index);
            else
                return null;
        }
        var events = new List<EngagementEvent>(lead.Events.Count);
        for (var i = 0; i < lead.Events.Count; i++)
        {
            if (!dropEvents.Contains(i))
                events.Add(lead.Events[i]);
        }
        return playbook.Bind(new LeadData(fields, events)).Lead;
    }

    /// <summary>
    /// What a bound lead depends on: fields (key, type, allowed values in order) and event types. Two documents of the
    /// same shape bind a lead identically, so leads bound once can be scored by both.
    /// </summary>
    public static string ShapeOf(PlaybookDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var shape = new StringBuilder();
        foreach (var field in document.Fields)
        {
            shape.Append(field.Key).Append(':').Append((int)field.Type);
            foreach (var value in field.AllowedValues ?? [])
                shape.Append('|').Append(value);
            shape.Append('\n');
        }
        shape.Append("--\n");
        foreach (var eventType in document.EventTypes)
            shape.Append(eventType.Key).Append('\n');
        return shape.ToString();
    }
}
