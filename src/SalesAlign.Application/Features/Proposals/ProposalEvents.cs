using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;
using SalesAlign.Domain.Proposals;

namespace SalesAlign.Application.Features.Proposals;

internal static class ProposalEvents
{
    /// <summary>Publishes <c>proposalStatusChanged</c> only when the command actually moved the status.</summary>
    public static void PublishStatusChange(this ILiveEvents live, Proposal proposal, ProposalStatus from, string actorId)
    {
        if (proposal.Status != from)
            live.Publish(new ProposalStatusChangedData(from.ToString(), proposal.Status.ToString()), actorId, proposal.Id.ToString(), proposal.Revision);
    }
}
