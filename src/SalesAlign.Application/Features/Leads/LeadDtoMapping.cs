using SalesAlign.Contracts.Leads;
using SalesAlign.Contracts.Scoring;
using SalesAlign.Domain.Leads;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Application.Features.Leads;

internal static class LeadDtoMapping
{
    /// <summary>Every value <see cref="StageOf"/> gives, in funnel order.</summary>
    public static readonly IReadOnlyList<string> Stages = ["lead", "mql", "rejected", "sql", "opportunity", "won", "lost"];

    /// <summary>The furthest stage the lead reached: won/lost, opportunity, sql, rejected (back in nurture), mql, or lead.</summary>
    public static string StageOf(Lead l) =>
        l.WonAt is not null ? "won"
        : l.LostAt is not null ? "lost"
        : l.OpportunityAt is not null ? "opportunity"
        : l.SqlAt is not null ? "sql"
        : l.RejectedAt is not null ? "rejected"
        : l.MqlAt is not null ? "mql"
        : "lead";

    public static LeadFunnelDto ToFunnelDto(this Lead l) =>
        new(StageOf(l), l.MqlAt, l.MqlVersion, l.FirstContactAt, l.SqlAt, l.RejectedAt, l.RejectionReason, l.OpportunityAt, l.WonAt, l.LostAt, l.Amount);

    public static LeadOutcomeDto ToDto(this LeadOutcome o) =>
        new(o.Id, WireName.Of(o.Kind), o.OccurredAt, o.Reason, o.Amount, o.MqlPlaybookId, o.MqlVersion, o.RecordedAt, o.RecordedBy);

    public static LeadScoreStateDto ToDto(this LeadCurrentScore? s) => s is null
        ? new LeadScoreStateDto("unscored")
        : new LeadScoreStateDto("scored", s.Version, s.ScoredAt, s.FitScore, s.FitGrade, s.EngagementScore, s.IsMql, s.IsSqlReady, WireName.Of(s.Route));

    public static ScoreChangeDto ToDto(this LeadScoreChange c) =>
        new(c.Version, c.ScoredAt, c.FitScore, c.FitGrade, c.EngagementScore, c.IsMql, c.IsSqlReady, WireName.Of(c.Route), c.Reason);

    public static LeadDetailDto ToDetailDto(this Lead lead, IEnumerable<LeadOutcome> outcomes, LeadCurrentScore? score, IEnumerable<LeadScoreChange> history) => new(
        lead.Id,
        lead.ExternalId,
        lead.PlaybookId,
        lead.Revision,
        lead.CreatedAt,
        lead.UpdatedAt,
        LeadPayload.ReadFields(lead.FieldsJson),
        LeadPayload.ReadEvents(lead.EventsJson).Select(e => new EngagementEventDto(e.Type, e.OccurredAt)).ToList(),
        lead.ToFunnelDto(),
        outcomes.Select(o => o.ToDto()).ToList(),
        score.ToDto(),
        history.Select(h => h.ToDto()).ToList());

}
