using SalesAlign.Domain.Auditing;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Infrastructure.Tests;

/// <summary>Builders for the rows the tests write; a zero TenantId means "let the interceptor stamp it".</summary>
internal static class Rows
{
    public static Playbook Playbook(Guid tenantId = default, string name = "Enterprise", Guid? id = null)
    {
        var playbook = Domain.Playbooks.Playbook.Create(id ?? Guid.NewGuid(), name);
        playbook.TenantId = tenantId;
        return playbook;
    }

    public static PlaybookVersion Version(Guid playbookId, int number = 1, Guid tenantId = default) => new()
    {
        TenantId = tenantId,
        PlaybookId = playbookId,
        Number = number,
        DocumentJson = """{"schemaVersion":1}""",
        ContentHash = new string('a', 64),
        PublishedAt = DateTimeOffset.UtcNow,
        PublishedBy = "user-1",
        ChangeSummary = "first",
    };

    public static Membership Membership(string userId, Guid tenantId = default) =>
        new() { TenantId = tenantId, UserId = userId, Team = MemberTeam.Marketing, Role = MemberRole.Approver };

    public static AuditEntry Audit(Guid tenantId = default) => new()
    {
        TenantId = tenantId,
        At = DateTimeOffset.UtcNow,
        ActorId = "user-1",
        Action = "playbook.created",
        ObjectType = "Playbook",
        ObjectId = "x",
    };
}
