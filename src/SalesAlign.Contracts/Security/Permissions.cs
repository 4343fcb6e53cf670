namespace SalesAlign.Contracts.Security;

/// <summary>
/// Every permission a route can require, by area. Who holds which is decided in one place
/// (Application's <c>AccessPolicy</c>) and documented in one table (<c>docs/authorization.md</c>).
/// </summary>
public static class Permissions
{
    /// <summary>Reading the tenant itself and its member list.</summary>
    public static class Tenants
    {
        public const string Read = "tenants.read";
    }

    /// <summary>Adding, changing and removing members.</summary>
    public static class Members
    {
        public const string Read = "members.read";
        public const string Manage = "members.manage";
    }

    /// <summary>Playbooks and their published versions.</summary>
    public static class Playbooks
    {
        public const string Read = "playbooks.read";
        public const string Create = "playbooks.create";
    }

    /// <summary>The proposal workflow.</summary>
    public static class Proposals
    {
        public const string Read = "proposals.read";
        public const string Edit = "proposals.edit";
        public const string Review = "proposals.review";
        /// <summary>Publish an approved proposal. Publishing without approvals is an Admin-only rule of the workflow itself.</summary>
        public const string Publish = "proposals.publish";
    }

    public static class Comments
    {
        public const string Read = "comments.read";
        public const string Write = "comments.write";
    }

    public static class Meetings
    {
        public const string Read = "meetings.read";
        public const string Manage = "meetings.manage";
        public const string Decide = "meetings.decide";
    }

    public static class Audit
    {
        public const string Read = "audit.read";
    }

    /// <summary>Webhook endpoints and their delivery history. Admin only: a webhook sends the tenant's events off-site.</summary>
    public static class Webhooks
    {
        public const string Read = "webhooks.read";
        public const string Manage = "webhooks.manage";
    }

    /// <summary>Stored leads: reading them, writing them (batch, import), and reporting what happened to them (outcomes).</summary>
    public static class Leads
    {
        public const string Read = "leads.read";
        public const string Write = "leads.write";
        public const string Outcomes = "leads.outcomes";
    }

    /// <summary>Scoring leads against a playbook (computes, stores nothing).</summary>
    public static class Scoring
    {
        public const string Run = "scoring.run";
    }

    /// <summary>All permission names, for tests and documentation.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Tenants.Read, Members.Read, Members.Manage, Playbooks.Read, Playbooks.Create,
        Proposals.Read, Proposals.Edit, Proposals.Review, Proposals.Publish,
        Comments.Read, Comments.Write, Meetings.Read, Meetings.Manage, Meetings.Decide, Audit.Read,
        Webhooks.Read, Webhooks.Manage, Leads.Read, Leads.Write, Leads.Outcomes, Scoring.Run,
    ];
}
