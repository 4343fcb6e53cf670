using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Playbooks.Validation;

/// <summary>The approval policy: sane counts, and section owners that name real sections.</summary>
internal static class ApprovalRules
{
    public const int MaxApprovals = 5;

    public static void CheckApproval(ProblemSink sink, ApprovalSection? approval)
    {
        if (approval is null)
            return;
        Count(sink, "/approval/marketingApprovals", approval.MarketingApprovals, 0);
        Count(sink, "/approval/salesApprovals", approval.SalesApprovals, 0);
        if (approval.MarketingApprovals + approval.SalesApprovals == 0)
            sink.Add("/approval", PlaybookErrorCodes.ApprovalNone, "At least one approval is required: both teams sign off on the agreement.");

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < approval.SectionOwners.Count; i++)
        {
            var owner = approval.SectionOwners[i];
            var section = owner.Path.TrimStart('/').Split('/')[0];
            if (!owner.Path.StartsWith('/') || !DocumentSchema.SectionTitles.ContainsKey(section))
                sink.Add($"/approval/sectionOwners/{i}/path", PlaybookErrorCodes.ApprovalSectionUnknown, $"'{owner.Path}' is not a section of the document (e.g. /sql, /icp/criteria).");
            else if (!seen.Add(owner.Path))
                sink.Add($"/approval/sectionOwners/{i}/path", PlaybookErrorCodes.KeyDuplicate, $"There is already a section owner for '{owner.Path}'.");
            Count(sink, $"/approval/sectionOwners/{i}/approvals", owner.Approvals, 1);
        }
    }

    private static void Count(ProblemSink sink, string path, int value, int min)
    {
        if (value < min || value > MaxApprovals)
            sink.Add(path, PlaybookErrorCodes.NumberOutOfRange, $"Between {min} and {MaxApprovals} approvals; got {value}.");
    }
}
