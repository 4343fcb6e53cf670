using System.Text.Json;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Scoring;

public sealed partial class CompiledPlaybook
{
    /// <summary>
    /// Binds a lead straight from its stored form (<see cref="Leads.LeadPayload"/>: the fields object and the events
    /// array of <c>["type", utcTicks]</c> pairs, as UTF-8) with one pass of <see cref="Utf8JsonReader"/> — no
    /// <see cref="JsonDocument"/>, no boxed values, no dictionary per lead. It accepts exactly what <see cref="Bind"/>
    /// accepts and gives the same slots; whenever anything is off (a field or event type this playbook does not
    /// declare, a value of the wrong type, too many events, malformed JSON) it returns null and binds nothing, so the
    /// caller takes the validating path (<see cref="Bind"/>, which reports the problems). Thread-safe.
    /// </summary>
    public BoundLead? TryBindStored(ReadOnlySpan<byte> fieldsUtf8, ReadOnlySpan<byte> eventsUtf8)
    {
        try
        {
            var slots = new FieldSlot[Document.Fields.Count];
            if (!TryReadStoredFields(fieldsUtf8, slots))
                return null;
            return TryReadStoredEvents(eventsUtf8, slots);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private bool TryReadStoredFields(ReadOnlySpan<byte> utf8, FieldSlot[] slots)
    {
        if (utf8.IsEmpty)
            return false;
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return false;
        var fields = _fieldIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> name = stackalloc char[128];
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
                return !reader.Read();
            if (reader.TokenType != JsonTokenType.PropertyName)
                return false;
            int index;
            if (reader.HasValueSequence || reader.ValueSpan.Length > name.Length)
            {
                if (!_fieldIndex.TryGetValue(reader.GetString()!, out index))
                    return false;
            }
            else if (!fields.TryGetValue(name[..reader.CopyString(name)], out index))
            {
                return false;
            }
            if (!reader.Read() || !TryReadStoredValue(ref reader, index, out slots[index]))
                return false;
        }
        return false;
    }

    private bool TryReadStoredValue(ref Utf8JsonReader reader, int index, out FieldSlot slot)
    {
        slot = default;
        if (reader.TokenType == JsonTokenType.Null)
            return true;
        switch (Document.Fields[index].Type)
        {
            case FieldType.Number when reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && double.IsFinite(number):
                slot = new FieldSlot { Present = true, Number = number };
                return true;
            case FieldType.Text when reader.TokenType == JsonTokenType.String:
                var text = reader.GetString()!;
                if (text.Length > FieldValues.MaxTextLength)
                    return false;
                slot = new FieldSlot { Present = true, Text = text };
                return true;
            case FieldType.Boolean when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                slot = new FieldSlot { Present = true, Number = reader.TokenType == JsonTokenType.True ? 1 : 0 };
                return true;
            case FieldType.Date when reader.TokenType == JsonTokenType.String:
                if (!FieldValues.TryParseDate(reader.GetString()!, out var date))
                    return false;
                slot = new FieldSlot { Present = true, Number = date.DayNumber };
                return true;
            case FieldType.Choice when reader.TokenType == JsonTokenType.String:
                if (!TryChoice(ref reader, index, out var choice))
                    return false;
                slot = new FieldSlot { Present = true, Number = choice };
                return true;
            case FieldType.MultiChoice when reader.TokenType == JsonTokenType.StartArray:
                var mask = 0UL;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String || !TryChoice(ref reader, index, out var item))
                        return false;
                    mask |= 1UL << item;
                }
                if (reader.TokenType != JsonTokenType.EndArray)
                    return false;
                slot = new FieldSlot { Present = true, Mask = mask };
                return true;
            default:
                return false;
        }
    }

    /// <summary>The index of a declared choice, matched case-insensitively like <see cref="FieldValues"/> does.</summary>
    private bool TryChoice(ref Utf8JsonReader reader, int index, out int choice)
    {
        var choices = _choiceIndex[index];
        if (reader.HasValueSequence || reader.ValueSpan.Length > 128)
            return choices.TryGetValue(reader.GetString()!, out choice);
        Span<char> value = stackalloc char[128];
        return choices.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value[..reader.CopyString(value)], out choice);
    }

    private BoundLead? TryReadStoredEvents(ReadOnlySpan<byte> utf8, FieldSlot[] slots)
    {
        if (utf8.IsEmpty)
            return null;
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            return null;
        var eventTypes = _eventTypeIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> name = stackalloc char[128];
        var types = new List<int>();
        var moments = new List<long>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                return null;
            int type;
            if (reader.HasValueSequence || reader.ValueSpan.Length > name.Length)
            {
                if (!_eventTypeIndex.TryGetValue(reader.GetString()!, out type))
                    return null;
            }
            else if (!eventTypes.TryGetValue(name[..reader.CopyString(name)], out type))
            {
                return null;
            }
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var ticks)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
                return null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                return null;
            types.Add(type);
            moments.Add(ticks);
        }
        if (reader.TokenType != JsonTokenType.EndArray || reader.Read() || types.Count > LeadValidation.MaxEventsPerLead)
            return null;

        // The same counting sort as Bind: each type's events keep their stored order.
        var offsets = new int[_eventTypeIndex.Count + 1];
        foreach (var t in types)
            offsets[t + 1]++;
        for (var t = 0; t < _eventTypeIndex.Count; t++)
            offsets[t + 1] += offsets[t];
        var cursor = offsets[..^1];
        var sorted = new long[types.Count];
        for (var i = 0; i < types.Count; i++)
            sorted[cursor[types[i]]++] = moments[i];
        return new BoundLead(slots, offsets, sorted);
    }
}
