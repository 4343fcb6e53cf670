using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Domain.Tests.Scoring;

/// <summary>
/// <see cref="CompiledPlaybook.TryBindStored"/> (the impact preview's fast path over stored payloads) must bind exactly
/// what <see cref="CompiledPlaybook.Bind"/> binds, and refuse exactly what it refuses, so falling back changes nothing.
/// </summary>
public sealed class StoredBindingProperties
{
    [Property(MaxTest = 200)]
    public void Binding_stored_payloads_agrees_with_the_validating_binder_for_own_and_foreign_playbooks(PositiveInt seed)
    {
        var random = new RandomPlaybooks(seed.Get);
        var document = random.Document();
        var other = random.Document(); // same field keys f0.., usually other types and fewer event types: many refusals
        var compiled = CompiledPlaybook.Compile(document);
        var foreign = CompiledPlaybook.Compile(other);
        var accepted = 0;

        for (var i = 0; i < 25; i++)
        {
            var lead = random.Lead(document);
            // As stored (nulls dropped), and raw with its nulls: both must agree.
            string[] fieldForms = [LeadPayload.WriteFields(lead.Fields), JsonSerializer.Serialize(lead.Fields)];
            var events = LeadPayload.WriteEvents(lead.Events);
            foreach (var fields in fieldForms)
            {
                foreach (var playbook in new[] { compiled, foreign })
                {
                    var expected = playbook.Bind(LeadPayload.ToLeadData(fields, events)).Lead;
                    var actual = playbook.TryBindStored(Encoding.UTF8.GetBytes(fields), Encoding.UTF8.GetBytes(events));
                    var context = $"seed {seed.Get}, lead {i}, {(playbook == compiled ? "own" : "foreign")} playbook, fields {fields}";
                    if (expected is null)
                    {
                        actual.ShouldBeNull(context);
                        continue;
                    }
                    accepted++;
                    actual.ShouldNotBeNull(context);
                    actual.Slots.ShouldBe(expected.Slots, context);
                    actual.EventOffsets.ShouldBe(expected.EventOffsets, context);
                    actual.EventTicks.ShouldBe(expected.EventTicks, context);
                }
            }
        }
        accepted.ShouldBeGreaterThanOrEqualTo(50); // every lead binds to its own playbook, in both forms
    }

    [Fact]
    public void Stored_payloads_the_playbook_cannot_read_are_refused_and_readable_ones_bound()
    {
        var document = new RandomPlaybooks(7).Document();
        var compiled = CompiledPlaybook.Compile(document);
        var type = document.EventTypes[0].Key;
        var ticks = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

        compiled.TryBindStored("{}"u8, Encoding.UTF8.GetBytes($"[[\"{type}\",{ticks}]]")).ShouldNotBeNull().EventCount.ShouldBe(1);
        compiled.TryBindStored("{\"nope\":1}"u8, "[]"u8).ShouldBeNull();
        compiled.TryBindStored("{}"u8, "[[\"nope\",1]]"u8).ShouldBeNull();
        compiled.TryBindStored("{}"u8, "[[null,1]]"u8).ShouldBeNull();
        compiled.TryBindStored("{"u8, "[]"u8).ShouldBeNull();
        compiled.TryBindStored("{}"u8, Encoding.UTF8.GetBytes($"[[\"{type}\",{long.MaxValue}]]")).ShouldBeNull();
    }
}
