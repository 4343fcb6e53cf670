namespace SalesAlign.Domain.Scoring;

/// <summary>
/// One field value of a bound lead, resolved to the representation the compiled engine compares directly:
/// numbers, dates (day number), booleans (0/1) and choices (index) in <see cref="Number"/>, multiChoice sets
/// as a bit mask, text as the string itself.
/// </summary>
internal struct FieldSlot
{
    public bool Present;
    public double Number;
    public ulong Mask;
    public string? Text;
}

/// <summary>
/// A lead bound to one compiled playbook: field values in slots (by field position) and engagement events
/// grouped by event type, each group in the order the lead reported them. Binding validates and allocates
/// once; scoring a bound lead allocates nothing. Immutable after binding, so safe to score from many threads.
/// </summary>
public sealed class BoundLead
{
    internal BoundLead(FieldSlot[] slots, int[] eventOffsets, long[] eventTicks)
    {
        Slots = slots;
        EventOffsets = eventOffsets;
        EventTicks = eventTicks;
    }

    internal FieldSlot[] Slots { get; }

    /// <summary>Events of type t are <c>EventTicks[EventOffsets[t]..EventOffsets[t + 1]]</c>.</summary>
    internal int[] EventOffsets { get; }

    internal long[] EventTicks { get; }

    public int EventCount => EventTicks.Length;
}

/// <summary>A lead bound to a playbook, or every problem that stopped it from binding.</summary>
public sealed record LeadBindResult(BoundLead? Lead, IReadOnlyList<Playbooks.DocumentProblem> Problems)
{
    public bool IsSuccess => Lead is not null;
}
