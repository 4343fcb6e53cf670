using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Application.Features.Leads;

/// <summary>One lead to write, already checked against the playbook's vocabulary.</summary>
public sealed record LeadInput(string ExternalId, IReadOnlyDictionary<string, JsonElement>? Fields, IReadOnlyList<EngagementEvent>? Events);

public enum LeadWriteStatus { Created, Updated, Unchanged }

/// <summary>
/// The upsert both the batch route and the CSV import use (decision 0017). By external id within the current tenant
/// only — another tenant's lead with the same external id is a different lead and is never read or touched.
/// Sent values replace stored ones, a sent null clears one, the rest stay; events are merged as a set of
/// (type, moment), so sending the same lead twice changes nothing. A created or changed lead is scored at once
/// under the playbook's current version (current score + history row when it moved).
/// </summary>
public static class LeadWriter
{
    public static async Task<IReadOnlyList<(Lead Lead, LeadWriteStatus Status)>> UpsertAsync(
        IAppDbContext db, ResolvedPlaybook playbook, IReadOnlyList<LeadInput> inputs, DateTimeOffset now, CancellationToken ct)
    {
        var externalIds = inputs.Select(i => i.ExternalId).ToList();
        var existing = await db.Leads.Where(l => externalIds.Contains(l.ExternalId)).ToDictionaryAsync(l => l.ExternalId, StringComparer.Ordinal, ct);
        var existingIds = existing.Values.Select(l => l.Id).ToList();
        var scores = existingIds.Count == 0
            ? []
            : await db.LeadScores.Where(s => s.PlaybookId == playbook.PlaybookId && existingIds.Contains(s.LeadId)).ToDictionaryAsync(s => s.LeadId, ct);

        var results = new List<(Lead, LeadWriteStatus)>(inputs.Count);
        foreach (var input in inputs)
        {
            existing.TryGetValue(input.ExternalId, out var lead);
            var fields = LeadPayload.MergeFields(lead?.FieldsJson ?? LeadPayload.EmptyFields, input.Fields);
            var events = LeadPayload.MergeEvents(lead?.EventsJson ?? LeadPayload.EmptyEvents, input.Events);
            var fieldsJson = LeadPayload.WriteFields(fields);
            var eventsJson = LeadPayload.WriteEvents(events);

            LeadWriteStatus status;
            if (lead is null)
            {
                lead = new Lead
                {
                    Id = Guid.CreateVersion7(now),
                    ExternalId = input.ExternalId,
                    PlaybookId = playbook.PlaybookId,
                    FieldsJson = fieldsJson,
                    EventsJson = eventsJson,
                    EventCount = events.Count,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Revision = 1,
                };
                db.Leads.Add(lead);
                existing[input.ExternalId] = lead;
                status = LeadWriteStatus.Created;
            }
            else if (lead.FieldsJson == fieldsJson && lead.EventsJson == eventsJson && lead.PlaybookId == playbook.PlaybookId)
            {
                results.Add((lead, LeadWriteStatus.Unchanged));
                continue;
            }
            else
            {
                lead.FieldsJson = fieldsJson;
                lead.EventsJson = eventsJson;
                lead.EventCount = events.Count;
                lead.PlaybookId = playbook.PlaybookId;
                lead.UpdatedAt = now;
                lead.Revision++;
                status = LeadWriteStatus.Updated;
            }

            var bound = LeadScoring.BindStored(playbook.Compiled, new LeadData(fields, events));
            scores.TryGetValue(lead.Id, out var current);
            LeadScoring.Apply(db, lead.Id, playbook, playbook.Compiled.Evaluate(bound, now), now, current,
                status == LeadWriteStatus.Created ? ScoreChangeReasons.FirstScore : ScoreChangeReasons.LeadChanged);
            results.Add((lead, status));
        }
        return results;
    }
}
