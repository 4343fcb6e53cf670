using SalesAlign.Application.Features.Analytics;
using SalesAlign.Application.Features.Leads;
using SalesAlign.Contracts.Analytics;
using SalesAlign.Contracts.Leads;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Meetings;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Scoring;
using SalesAlign.Contracts.Tenancy;
using SalesAlign.Contracts.Webhooks;
using SalesAlign.Domain.Analytics;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Meetings;
using SalesAlign.Domain.Playbooks.Diff;
using SalesAlign.Domain.Proposals;
using SalesAlign.Domain.Scoring;
using SalesAlign.Domain.Tenancy;
using SalesAlign.Domain.Webhooks;

namespace SalesAlign.Application.Common.Wire;

/// <summary>
/// The closed set of values each enum-carrying string member of Contracts takes on the wire, by record and JSON member
/// name (decision 0048): derived from the enums the values are written from, spelt by <see cref="WireName"/>. The
/// OpenAPI document lists them as the member's <c>enum</c>, so a generated client sees the allowed values and the
/// conformance run refuses an answer outside them; a convention test keeps every such member listed here.
/// For a list the set is its items', for a dictionary its values'.
/// </summary>
public static class WireValues
{
    private static readonly IReadOnlyList<string> ProposalStatusNames = Of<ProposalStatus>();
    private static readonly IReadOnlyList<string> Teams = Of<MemberTeam>();
    private static readonly IReadOnlyList<string> Roles = Of<MemberRole>();
    private static readonly IReadOnlyList<string> MeetingStatusNames = Of<MeetingStatus>();
    private static readonly IReadOnlyList<string> MeetingDecisions = Of<MeetingDecision>();
    private static readonly IReadOnlyList<string> Routes = Of<Route>();
    private static readonly IReadOnlyList<string> OutcomeKinds = Of<LeadOutcomeKind>();
    private static readonly IReadOnlyList<string> FunnelStages = [.. AnalyticsMapping.StageKeys];
    private static readonly IReadOnlyList<string> ImpactStatusNames = [ImpactStatus.Computing, ImpactStatus.Ready, ImpactStatus.Failed];
    private static readonly IReadOnlyList<string> EventTypes = LiveEventTypes.All;

    public static IReadOnlyDictionary<(Type Record, string Member), IReadOnlyList<string>> Members { get; } =
        new Dictionary<(Type, string), IReadOnlyList<string>>
        {
            [(typeof(ProposalDto), "status")] = ProposalStatusNames,
            [(typeof(ProposalSummaryDto), "status")] = ProposalStatusNames,
            [(typeof(AgendaProposalDto), "status")] = ProposalStatusNames,
            [(typeof(ReviewDto), "team")] = Teams,
            [(typeof(ReviewDto), "decision")] = Of<ReviewDecision>(),
            [(typeof(ReviewRequest), "decision")] = Of<ReviewDecision>(),
            [(typeof(MissingApprovalDto), "team")] = Teams,
            [(typeof(RebaseRequest), "resolutions")] = Of<ConflictChoice>(),
            [(typeof(ChangeDto), "kind")] = Of<ChangeKind>(),

            [(typeof(MeetingDto), "status")] = MeetingStatusNames,
            [(typeof(MeetingSummaryDto), "status")] = MeetingStatusNames,
            [(typeof(UpdateMeetingRequest), "status")] = MeetingStatusNames,
            [(typeof(AgendaItemDto), "kind")] = Of<AgendaItemKind>(),
            [(typeof(AgendaItemDto), "decision")] = MeetingDecisions,
            [(typeof(RecordDecisionRequest), "decision")] = MeetingDecisions,

            [(typeof(LeadScoreDto), "route")] = Routes,
            [(typeof(RuleHitDto), "kind")] = Of<RuleKind>(),
            [(typeof(LeadScoreStateDto), "status")] = ["scored", "unscored"],
            [(typeof(LeadScoreStateDto), "route")] = Routes,
            [(typeof(ScoreChangeDto), "route")] = Routes,
            [(typeof(LeadSummaryDto), "route")] = Routes,
            [(typeof(LeadSummaryDto), "stage")] = LeadDtoMapping.Stages,
            [(typeof(LeadFunnelDto), "stage")] = LeadDtoMapping.Stages,
            [(typeof(UpsertedLeadDto), "status")] = Of<LeadWriteStatus>(),
            [(typeof(RecordOutcomeRequest), "kind")] = OutcomeKinds,
            [(typeof(LeadOutcomeDto), "kind")] = OutcomeKinds,
            [(typeof(LeadImportJobDto), "status")] = Of<ImportJobStatus>(),

            [(typeof(ConversionKpiDto), "from")] = FunnelStages,
            [(typeof(ConversionKpiDto), "to")] = FunnelStages,
            [(typeof(FunnelStageDto), "key")] = FunnelStages,
            [(typeof(KpiReportDto), "period")] = Of<KpiPeriod>(),
            [(typeof(ImpactSampleDto), "changes")] = Of<ImpactChange>(),
            [(typeof(ProposalImpactDto), "status")] = ImpactStatusNames,

            [(typeof(MembershipDto), "team")] = Teams,
            [(typeof(MembershipDto), "role")] = Roles,
            [(typeof(MemberDto), "team")] = Teams,
            [(typeof(MemberDto), "role")] = Roles,
            [(typeof(AddMemberRequest), "team")] = Teams,
            [(typeof(AddMemberRequest), "role")] = Roles,
            [(typeof(UpdateMemberRequest), "team")] = Teams,
            [(typeof(UpdateMemberRequest), "role")] = Roles,
            [(typeof(AgencyDto), "role")] = Roles,

            [(typeof(WebhookDeliveryDto), "status")] = Of<WebhookDeliveryStatus>(),
            [(typeof(WebhookDeliveryDto), "eventType")] = EventTypes,
            [(typeof(WebhookDto), "eventTypes")] = EventTypes,
            [(typeof(CreateWebhookRequest), "eventTypes")] = EventTypes,
            [(typeof(LiveEventDto), "type")] = EventTypes,

            [(typeof(ProposalCreatedData), "status")] = ProposalStatusNames,
            [(typeof(ProposalStatusChangedData), "from")] = ProposalStatusNames,
            [(typeof(ProposalStatusChangedData), "to")] = ProposalStatusNames,
            [(typeof(ReviewSubmittedData), "decision")] = Of<ReviewDecision>(),
            [(typeof(ImpactProgressData), "status")] = ImpactStatusNames,
            [(typeof(LeadImportProgressData), "status")] = Of<ImportJobStatus>(),
            // The hub's presence modes (PresenceTracker in the host).
            [(typeof(PresenceUser), "mode")] = ["viewing", "editing"],
        };

    private static string[] Of<TEnum>() where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(WireName.Of)];
}
