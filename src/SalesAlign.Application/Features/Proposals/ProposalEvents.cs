using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Contracts.Live;
using SalesAlign.Domain.Proposals;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Application.Features.Proposals;

internal static class ProposalEvents
{
    /// <summary>Publishes <c>proposalStatusChanged</c> only when the command actually moved the status.</summary>
    public static void PublishStatusChange(this ILiveEvents live, Proposal proposal, ProposalStatus from, string actorId)
    {
        if (proposal.Status != from)
            live.Publish(new ProposalStatusChangedData(WireName.Of(from), WireName.Of(proposal.Status)), actorId, proposal.Id.ToString(), proposal.Revision);
    }
}
