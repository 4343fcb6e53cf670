using System.Text.Json;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Domain.Auditing;

namespace SalesAlign.Application.Common.Auditing;

internal sealed class AuditLog(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IAuditLog
{
    // Enum names, not numbers: the audit log is read by people, and names survive reordering an enum.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public void Record(string action, string objectType, string objectId, object? before = null, object? after = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = user.UserId ?? throw new ForbiddenException("auth.required", "An audited change needs a known caller."),
            Action = action,
            ObjectType = objectType,
            ObjectId = objectId,
            BeforeJson = Serialize(before),
            AfterJson = Serialize(after),
        });

    private static string? Serialize(object? value) => value switch
    {
        null => null,
        string json => json,
        _ => JsonSerializer.Serialize(value, value.GetType(), Json),
    };
}
