using System.Text.Json;
using Bogus;
using SalesAlign.Application.Features.Leads;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Infrastructure.Seeding;

/// <summary>Demo leads of one tenant, ready to insert: the leads, their outcomes, current scores and first history rows.</summary>
public sealed record DemoLeads(List<Lead> Leads, List<LeadOutcome> Outcomes, List<LeadCurrentScore> Scores, List<LeadScoreChange> History);

/// <summary>
/// Generates realistic demo leads for a playbook with Bogus, deterministically (same seed, same leads): values for
/// every declared field, engagement events of the declared types, and a funnel shaped like published B2B
/// benchmarks — about half the leads reach MQL, half of the MQLs are accepted (SQL), 40 % of SQLs become
/// opportunities, a third of those are won and a third lost with amounts; the rest of the MQLs are mostly rejected
/// with the playbook's reasons. Arrivals spread over the last six months; first contact lands around the SLA.
/// Leads bound for MQL are generated warmer (senior titles, pricing and demo events), so scores and outcomes agree.
/// </summary>
public static class DemoLeadGenerator
{
    public const double MqlShare = 0.5;
    public const double SqlShareOfMql = 0.5;
    public const double OpportunityShareOfSql = 0.4;

    private static readonly string[] WarmEvents = ["pricing_page_view", "demo_requested", "webinar_attended", "contact_sales", "trial_started", "case_study_view"];

    public static DemoLeads Generate(PlaybookDocument document, Guid playbookId, int version, int count, int seed, DateTimeOffset now, string recordedBy)
    {
        var random = new Randomizer(seed);
        var faker = new Faker { Random = random };
        var compiled = CompiledPlaybook.Compile(document);
        var resolved = new ResolvedPlaybook(playbookId, version, PlaybookJson.ContentHash(document), compiled);
        var reasons = document.Handoff.RejectionReasons.Select(r => r.Key).ToArray();
        var slaHours = document.Handoff.ServiceLevelHours;
        var result = new DemoLeads(new(count), new(count * 2), new(count), new(count));

        for (var i = 0; i < count; i++)
        {
            var warm = random.Double() < MqlShare;
            var createdAt = now.AddDays(-random.Double(1, 180)).AddMinutes(-random.Int(0, 1440));
            var fields = Fields(document, random, faker, warm);
            var events = Events(document, random, createdAt, now, warm);
            var lead = new Lead
            {
                Id = Guid.CreateVersion7(createdAt),
                ExternalId = $"DEMO-{seed % 1000:000}-{i + 1:000000}",
                PlaybookId = playbookId,
                FieldsJson = LeadPayload.WriteFields(fields),
                EventsJson = LeadPayload.WriteEvents(events),
                EventCount = events.Count,
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
                Revision = 1,
            };
            if (warm)
                Funnel(lead, result.Outcomes, random, reasons, slaHours, version, now, recordedBy);
            result.Leads.Add(lead);

            var summary = compiled.Evaluate(LeadScoring.BindStored(compiled, new LeadData(fields, events)), now);
            var grade = document.Icp.GradeBands[summary.GradeIndex].Grade;
            result.Scores.Add(new LeadCurrentScore
            {
                LeadId = lead.Id, PlaybookId = playbookId, Version = version, ScoredAt = now, FitScore = summary.FitScore, FitGrade = grade,
                EngagementScore = summary.EngagementScore, IsMql = summary.IsMql, IsSqlReady = summary.IsSqlReady, Route = summary.Route.ToString(),
            });
            result.History.Add(new LeadScoreChange
            {
                LeadId = lead.Id, PlaybookId = playbookId, Version = version, ScoredAt = now, FitScore = summary.FitScore, FitGrade = grade,
                EngagementScore = summary.EngagementScore, IsMql = summary.IsMql, IsSqlReady = summary.IsSqlReady, Route = summary.Route.ToString(),
                Reason = ScoreChangeReasons.FirstScore,
            });
        }
        return result;
    }

    private static void Funnel(Lead lead, List<LeadOutcome> outcomes, Randomizer random, string[] reasons, double slaHours, int version, DateTimeOffset now, string by)
    {
        bool Add(LeadOutcomeKind kind, DateTimeOffset at, string? reason = null, decimal? amount = null)
        {
            if (at > now)
                return false;
            LeadOutcomeRules.Apply(lead, kind, at, reason, amount, version, lead.PlaybookId);
            outcomes.Add(new LeadOutcome
            {
                Id = Guid.CreateVersion7(at), TenantId = lead.TenantId, LeadId = lead.Id, Kind = kind, OccurredAt = at, Reason = reason, Amount = amount,
                MqlPlaybookId = lead.MqlPlaybookId, MqlVersion = lead.MqlVersion, RecordedAt = at, RecordedBy = by,
            });
            return true;
        }

        var mqlAt = lead.CreatedAt.AddHours(random.Double(1, 240));
        if (!Add(LeadOutcomeKind.MqlReached, mqlAt))
            return;
        // Around the service level: most inside it, a tail well beyond.
        var contactAt = mqlAt.AddHours(random.Double() < 0.7 ? random.Double(0.5, slaHours) : random.Double(slaHours, slaHours * 4));
        if (!Add(LeadOutcomeKind.FirstContact, contactAt))
            return;
        var decisionAt = contactAt.AddHours(random.Double(4, 120));
        if (random.Double() < SqlShareOfMql)
        {
            if (!Add(LeadOutcomeKind.SqlAccepted, decisionAt))
                return;
            if (random.Double() >= OpportunityShareOfSql)
                return;
            var amount = Math.Round((decimal)random.Double(50, 1_200)) * 100;
            var opportunityAt = decisionAt.AddDays(random.Double(2, 14));
            if (!Add(LeadOutcomeKind.OpportunityCreated, opportunityAt, amount: amount))
                return;
            var closeAt = opportunityAt.AddDays(random.Double(10, 60));
            var close = random.Double();
            if (close < 0.35)
                Add(LeadOutcomeKind.Won, closeAt, amount: amount);
            else if (close < 0.7)
                Add(LeadOutcomeKind.Lost, closeAt, amount: amount);
        }
        else if (random.Double() < 0.7 && reasons.Length > 0)
        {
            Add(LeadOutcomeKind.Rejected, decisionAt, reason: random.ArrayElement(reasons));
        }
    }

    private static SortedDictionary<string, JsonElement> Fields(PlaybookDocument document, Randomizer random, Faker faker, bool warm)
    {
        var fields = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var field in document.Fields)
        {
            // About one value in eight is unknown, as in real CRM data.
            if (random.Double() < 0.12)
                continue;
            object value = field.Type switch
            {
                FieldType.Choice => Choice(field.AllowedValues!, random, warm),
                FieldType.MultiChoice => random.ArrayElements(field.AllowedValues!.ToArray(), random.Int(0, Math.Min(3, field.AllowedValues!.Count))),
                FieldType.Number => Number(field.Key, random, warm),
                FieldType.Boolean => field.Key.Contains("competitor", StringComparison.OrdinalIgnoreCase) ? random.Double() < 0.03 : random.Double() < (warm ? 0.6 : 0.3),
                FieldType.Date => DateOnly.FromDateTime(DateTime.UtcNow.Date).AddDays(random.Int(10, 400)).ToString(FieldValues.DateFormat, System.Globalization.CultureInfo.InvariantCulture),
                _ => faker.Name.JobTitle(),
            };
            fields[field.Key] = JsonSerializer.SerializeToElement(value);
        }
        return fields;
    }

    /// <summary>Warm leads lean to the first (declared as best) values: ordered lists put the ideal first.</summary>
    private static string Choice(IReadOnlyList<string> values, Randomizer random, bool warm) =>
        warm && random.Double() < 0.6 ? values[random.Int(0, Math.Min(2, values.Count - 1))] : values[random.Int(0, values.Count - 1)];

    private static double Number(string key, Randomizer random, bool warm)
    {
        var k = key.ToLowerInvariant();
        if (k.Contains("size", StringComparison.Ordinal))
            return Math.Round(Math.Exp(random.Double(Math.Log(5), Math.Log(warm ? 20_000 : 5_000))));
        if (k.Contains("budget", StringComparison.Ordinal))
            return Math.Round(random.Double(warm ? 20 : 0, 250)) * 1000;
        if (k.Contains("days", StringComparison.Ordinal))
            return random.Int(warm ? 15 : 30, warm ? 120 : 365);
        return random.Int(0, 1000);
    }

    private static List<EngagementEvent> Events(PlaybookDocument document, Randomizer random, DateTimeOffset createdAt, DateTimeOffset now, bool warm)
    {
        var types = document.EventTypes.Select(e => e.Key).ToArray();
        var warmTypes = types.Where(t => WarmEvents.Contains(t)).ToArray();
        var count = random.Int(warm ? 3 : 0, warm ? 14 : 6);
        var span = (now - createdAt).TotalMinutes;
        var events = new List<EngagementEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var type = warm && warmTypes.Length > 0 && random.Double() < 0.6 ? random.ArrayElement(warmTypes) : random.ArrayElement(types);
            // Minute precision, as marketing systems report; most activity soon after arrival.
            var at = createdAt.AddMinutes(Math.Floor(span * Math.Pow(random.Double(), 2)));
            events.Add(new EngagementEvent(type, new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero)));
        }
        return LeadPayload.MergeEvents(LeadPayload.EmptyEvents, events);
    }
}
