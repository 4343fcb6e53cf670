namespace SalesAlign.Domain.Leads;

/// <summary>Why an outcome cannot be recorded (409 problem with <see cref="Code"/>).</summary>
public sealed class LeadOutcomeException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// The order of a lead's funnel: MQL → (first contact) → SQL accepted or rejected → opportunity → won or lost.
/// A rejected lead is back in marketing nurture: it takes no further sales outcome. Each step happens once, not
/// before the step it follows. Applying an outcome moves the lead's funnel columns.
/// </summary>
public static class LeadOutcomeRules
{
    public static void Apply(Lead lead, LeadOutcomeKind kind, DateTimeOffset at, string? reason, decimal? amount, int? mqlVersion, Guid? mqlPlaybookId)
    {
        switch (kind)
        {
            case LeadOutcomeKind.MqlReached:
                Once(lead.MqlAt, "became an MQL");
                lead.MqlAt = at;
                lead.MqlVersion = mqlVersion;
                lead.MqlPlaybookId = mqlPlaybookId;
                break;
            case LeadOutcomeKind.FirstContact:
                After(lead.MqlAt, at, "first contact", "it became an MQL");
                Once(lead.FirstContactAt, "was first contacted");
                NotRejected(lead, "first contact");
                lead.FirstContactAt = at;
                break;
            case LeadOutcomeKind.SqlAccepted:
                After(lead.MqlAt, at, "SQL acceptance", "it became an MQL");
                NotRejected(lead, "SQL acceptance");
                Once(lead.SqlAt, "was accepted as an SQL");
                lead.SqlAt = at;
                break;
            case LeadOutcomeKind.Rejected:
                After(lead.MqlAt, at, "a rejection", "it became an MQL");
                Once(lead.RejectedAt, "was rejected");
                if (lead.SqlAt is not null)
                    throw OutOfOrder($"The lead was already accepted as an SQL on {lead.SqlAt:u}; sales can no longer reject it (record lost instead).");
                lead.RejectedAt = at;
                lead.RejectionReason = reason;
                break;
            case LeadOutcomeKind.OpportunityCreated:
                After(lead.SqlAt, at, "an opportunity", "sales accepted it (SQL)");
                Once(lead.OpportunityAt, "has an opportunity");
                lead.OpportunityAt = at;
                if (amount is not null)
                    lead.Amount = amount;
                break;
            case LeadOutcomeKind.Won or LeadOutcomeKind.Lost:
                var what = kind == LeadOutcomeKind.Won ? "a win" : "a loss";
                After(lead.OpportunityAt, at, what, "an opportunity was created");
                if (lead.WonAt is not null || lead.LostAt is not null)
                    throw new LeadOutcomeException("outcome.already_recorded", $"The lead was already {(lead.WonAt is not null ? "won" : "lost")}; a closed lead stays closed.");
                if (kind == LeadOutcomeKind.Won)
                    lead.WonAt = at;
                else
                    lead.LostAt = at;
                if (amount is not null)
                    lead.Amount = amount;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static void Once(DateTimeOffset? already, string what)
    {
        if (already is { } at)
            throw new LeadOutcomeException("outcome.already_recorded", $"The lead already {what} on {at:u}; each step is recorded once.");
    }

    private static void After(DateTimeOffset? previous, DateTimeOffset at, string what, string requirement)
    {
        if (previous is not { } before)
            throw OutOfOrder($"Cannot record {what} before {requirement}.");
        if (at < before)
            throw OutOfOrder($"Cannot record {what} at {at:u}, before {requirement} ({before:u}).");
    }

    private static void NotRejected(Lead lead, string what)
    {
        if (lead.RejectedAt is { } rejected)
            throw OutOfOrder($"Sales rejected the lead on {rejected:u} ({lead.RejectionReason}); it is back in marketing nurture, so {what} cannot be recorded.");
    }

    private static LeadOutcomeException OutOfOrder(string message) => new("outcome.out_of_order", message);
}
