using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Domain.Analytics;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Application.Features.Analytics;

/// <summary>
/// One playbook's leads as of one lead-data version, in memory: ids, stored payloads and funnels, plus the leads bound
/// once per playbook shape (<see cref="LeadBinding.ShapeOf"/>), so previews of several drafts over the same data bind
/// once. Immutable apart from the lazily filled binding cache; shared across requests.
/// </summary>
internal sealed class LeadSnapshot
{
    private readonly string[] _fields;
    private readonly string[] _events;
    private readonly ConcurrentDictionary<string, Lazy<BoundLead?[]>> _bound = new(StringComparer.Ordinal);

    private LeadSnapshot(long dataVersion, Guid[] ids, string[] externalIds, string[] fields, string[] events, LeadFunnel[] funnels)
    {
        DataVersion = dataVersion;
        Ids = ids;
        ExternalIds = externalIds;
        _fields = fields;
        _events = events;
        Funnels = funnels;
    }

    public long DataVersion { get; }

    public Guid[] Ids { get; }

    public string[] ExternalIds { get; }

    public LeadFunnel[] Funnels { get; }

    public int Count => Ids.Length;

    /// <summary>One query, no tracking, only the columns analysis needs, in id order.</summary>
    public static async Task<LeadSnapshot> LoadAsync(IAppDbContext db, Guid playbookId, long dataVersion, CancellationToken ct)
    {
        var rows = await db.Leads.AsNoTracking()
            .Where(l => l.PlaybookId == playbookId)
            .OrderBy(l => l.Id)
            .Select(l => new
            {
                l.Id, l.ExternalId, l.FieldsJson, l.EventsJson, l.CreatedAt, l.MqlAt, l.MqlVersion, l.FirstContactAt, l.SqlAt,
                l.RejectedAt, l.RejectionReason, l.OpportunityAt, l.WonAt, l.LostAt, l.Amount,
            })
            .ToListAsync(ct);

        var count = rows.Count;
        var ids = new Guid[count];
        var externalIds = new string[count];
        var fields = new string[count];
        var events = new string[count];
        var funnels = new LeadFunnel[count];
        for (var i = 0; i < count; i++)
        {
            var r = rows[i];
            ids[i] = r.Id;
            externalIds[i] = r.ExternalId;
            fields[i] = r.FieldsJson;
            events[i] = r.EventsJson;
            funnels[i] = new LeadFunnel(r.CreatedAt, r.MqlAt, r.MqlVersion, r.FirstContactAt, r.SqlAt, r.RejectedAt, r.RejectionReason,
                r.OpportunityAt, r.WonAt, r.LostAt, r.Amount);
        }
        return new LeadSnapshot(dataVersion, ids, externalIds, fields, events, funnels);
    }

    /// <summary>
    /// The leads bound to a playbook of this shape: bound in parallel the first time — straight from the stored UTF-8
    /// payload (<see cref="CompiledPlaybook.TryBindStored"/>), the validating lenient path only for leads that does not
    /// take — then reused.
    /// </summary>
    public BoundLead?[] BoundTo(CompiledPlaybook playbook) =>
        _bound.GetOrAdd(LeadBinding.ShapeOf(playbook.Document), _ => new Lazy<BoundLead?[]>(() => Bind(playbook))).Value;

    private BoundLead?[] Bind(CompiledPlaybook playbook)
    {
        var bound = new BoundLead?[Count];
        if (Count == 0)
            return bound;
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, Count, Math.Max(512, Count / (Environment.ProcessorCount * 8) + 1)), range =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent(4096);
            try
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    string fields = _fields[i], events = _events[i];
                    var needed = Encoding.UTF8.GetMaxByteCount(fields.Length) + Encoding.UTF8.GetMaxByteCount(events.Length);
                    if (buffer.Length < needed)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(needed);
                    }
                    var fieldBytes = Encoding.UTF8.GetBytes(fields, buffer);
                    var eventBytes = Encoding.UTF8.GetBytes(events, buffer.AsSpan(fieldBytes));
                    // Stored leads almost always bind as they are; the validating, lenient path is for those a draft
                    // no longer reads (a dropped field or event type, a changed type).
                    bound[i] = playbook.TryBindStored(buffer.AsSpan(0, fieldBytes), buffer.AsSpan(fieldBytes, eventBytes))
                        ?? LeadBinding.BindLeniently(playbook, Parse(fields, events));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });
        // Kept for every preview over this data: lay the leads out in order once, so scans stream through memory.
        return LeadBinding.Compact(bound);
    }

    /// <summary>
    /// For the lenient path: reads the stored payload without copying each value: the parsed document is kept alive by the elements and
    /// dropped with the lead after binding (the binding copies what it needs).
    /// </summary>
    private static LeadData Parse(string fieldsJson, string eventsJson)
    {
        var fields = new Dictionary<string, JsonElement>(16, StringComparer.Ordinal);
        if (fieldsJson.Length > 2)
        {
            var document = JsonDocument.Parse(fieldsJson);
            foreach (var property in document.RootElement.EnumerateObject())
                fields[property.Name] = property.Value;
        }
        return new LeadData(fields, LeadPayload.ReadEvents(eventsJson));
    }
}
