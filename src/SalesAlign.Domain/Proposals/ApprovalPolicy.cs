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
/// </summary>
public static class ApprovalPolicy
{
    public static ApprovalStatus Evaluate(ApprovalSection? policy, IEnumerable<ProposalReview> reviews, IReadOnlyCollection<string> changedPaths)
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

        var missing = required
            .Select(kv => new MissingApproval(kv.Key, kv.Value.Count, given.GetValueOrDefault(kv.Key), kv.Value.Reason))
            .Where(m => m.Given < m.Required)
            .ToList();
        return new ApprovalStatus(missing.Count == 0, missing);
    }

    internal static bool IsUnder(string path, string prefix) =>
        path.Equals(prefix, StringComparison.Ordinal) || path.StartsWith(prefix.TrimEnd('/') + "/", StringComparison.Ordinal);
}
