using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;
using SalesAlign.Domain.Proposals;

namespace SalesAlign.Application.Features.Proposals;

internal static class ProposalEvents
{
    /// <summary>Publishes <c>proposalStatusChanged</c> only when the command actually moved the status.</summary>
    public static void PublishStatusChange(this ILiveEvents live, Proposal proposal, ProposalStatus from)
    {
        if (proposal.Status != from)
            live.Publish(LiveEventTypes.ProposalStatusChanged, proposal.Id.ToString(), proposal.Revision,
                new { From = from.ToString(), To = proposal.Status.ToString() });
    }
}
