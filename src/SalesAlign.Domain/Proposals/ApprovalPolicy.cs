using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Domain.Proposals;

/// <summary>One team's shortfall: how many approvals it still owes, and why they are required.</summary>
public sealed record MissingApproval(MemberTeam Team, int Required, int Given, string Reason);

/// <summary>Whether a proposal's active approvals satisfy the policy, and who still has to approve.</summary>
public sealed record ApprovalStatus(bool Satisfied, IReadOnlyList<MissingApproval> Missing);

/// <summary>
/// Evaluates the approval policy of the version in force (never the draft's own, or a proposal could lower
/// its own bar). Each approval counts for the reviewer's team only, so nobody counts for both sides.
/// An author who is an Approver (or Admin) of marketing or sales signs off for their own team by proposing —
/// the marketing lead who drafts a change has agreed to it — but never reviews it, so the other team's
/// approval (someone other than the author) is always needed.
/// </summary>
public static class ApprovalPolicy
{
    /// <summary>The team an author signs off for by proposing, or null when their role or team does not sign off.</summary>
    public static MemberTeam? AuthorSignOff(MemberTeam team, MemberRole role) =>
        team is MemberTeam.Marketing or MemberTeam.Sales && role >= MemberRole.Approver ? team : null;

    /// <summary>Only section owners make the required approvals depend on what changed; without them the diff is not needed.</summary>
    public static bool DependsOnChangedPaths(ApprovalSection? policy) => policy is { SectionOwners.Count: > 0 };

    public static ApprovalStatus Evaluate(ApprovalSection? policy, IEnumerable<ProposalReview> reviews, IReadOnlyCollection<string> changedPaths, MemberTeam? authorSignOff = null)
    {
        policy ??= new ApprovalSection();
        var required = new Dictionary<MemberTeam, (int Count, string Reason)>
        {
            [MemberTeam.Marketing] = (policy.MarketingApprovals, "policy"),
            [MemberTeam.Sales] = (policy.SalesApprovals, "policy"),
        };
        foreach (var owner in policy.SectionOwners)
        {
            if (!changedPaths.Any(p => IsUnder(p, owner.Path)))
                continue;
            var team = owner.Team == Team.Sales ? MemberTeam.Sales : MemberTeam.Marketing;
            if (owner.Approvals > required[team].Count)
                required[team] = (owner.Approvals, $"changes under {owner.Path}");
        }

        var given = reviews
            .Where(r => r.IsActiveApproval)
            .GroupBy(r => r.Team)
            .ToDictionary(g => g.Key, g => g.Select(r => r.ReviewerId).Distinct(StringComparer.Ordinal).Count());
        if (authorSignOff is { } authorTeam)
            given[authorTeam] = given.GetValueOrDefault(authorTeam) + 1;

        var missing = required
            .Select(kv => new MissingApproval(kv.Key, kv.Value.Count, given.GetValueOrDefault(kv.Key), kv.Value.Reason))
            .Where(m => m.Given < m.Required)
            .ToList();
        return new ApprovalStatus(missing.Count == 0, missing);
    }

    internal static bool IsUnder(string path, string prefix) =>
        path.Equals(prefix, StringComparison.Ordinal) || path.StartsWith(prefix.TrimEnd('/') + "/", StringComparison.Ordinal);
}
